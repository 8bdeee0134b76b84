import * as Comments from "../../core/comments/comments";
import { CommentResponse, WriteCommentRequest } from "../../core/comments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/comments/{id}", {
  params: IdParams,
  body: WriteCommentRequest,
  response: CommentResponse,
  errors: [403],
  run: async ({ caller, params, body }) => ok(await Comments.edit(caller, params.id, body.content)),
});
