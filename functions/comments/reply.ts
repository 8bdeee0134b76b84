import * as Comments from "../../core/comments/comments";
import { CommentResponse, WriteCommentRequest } from "../../core/comments/schemas";
import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/comments/{id}/reply", {
  params: IdParams,
  body: WriteCommentRequest,
  response: CommentResponse,
  status: 201,
  errors: [403, 409],
  run: async ({ caller, params, body }) => created(await Comments.reply(caller, params.id, body.content)),
});
