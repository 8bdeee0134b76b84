import * as Comments from "../../core/comments/comments";
import { CommentResponse, WriteCommentRequest } from "../../core/comments/schemas";
import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/courses/{id}/comments", {
  params: IdParams,
  body: WriteCommentRequest,
  response: CommentResponse,
  status: 201,
  errors: [403],
  run: async ({ caller, params, body }) => created(await Comments.createThread(caller, params.id, body.content)),
});
