import * as Comments from "../../core/comments/comments";
import { CommentListQuery, CommentPage } from "../../core/comments/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/courses/{id}/comments", {
  params: IdParams,
  query: CommentListQuery,
  response: CommentPage,
  errors: [403],
  run: async ({ caller, params, query }) => ok(await Comments.list(caller, params.id, query.limit, query.cursor)),
});
