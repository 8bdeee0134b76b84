import { http } from "../../core/http/handler";
import * as Docs from "../../core/openapi/docs";

export const handler = http("GET /api/docs", {
  response: Docs.DocsPageResponse,
  run: async () => Docs.page(),
});
