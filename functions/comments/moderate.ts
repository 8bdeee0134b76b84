import * as Comments from "../../core/comments/comments";
import { CommentResponse, ModerateCommentRequest } from "../../core/comments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/comments/{id}/moderate", {
  params: IdParams,
  body: ModerateCommentRequest,
  response: CommentResponse,
  run: async ({ caller, params, body }) => ok(await Comments.moderate(caller, params.id, body.is_active)),
});
