import { http, ok } from "../../core/http/handler";
import { SearchQuery, SearchResponse } from "../../core/search/schemas";
import { search } from "../../core/search/search";

export const handler = http("GET /api/search", {
  query: SearchQuery,
  response: SearchResponse,
  run: async ({ caller, query }) => ok(await search(caller, query.q, query.limit, query.cursor)),
});
