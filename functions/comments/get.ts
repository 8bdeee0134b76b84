import * as Comments from "../../core/comments/comments";
import { CommentResponse } from "../../core/comments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/comments/{id}", {
  params: IdParams,
  response: CommentResponse,
  errors: [403],
  run: async ({ caller, params }) => ok(await Comments.get(caller, params.id)),
});
