import { http } from "../../core/http/handler";
import * as Docs from "../../core/openapi/docs";

export const handler = http("GET /api/docs/{asset}", {
  params: Docs.DocsAssetParams,
  headers: Docs.DocsAssetHeaders,
  response: Docs.DocsAssetResponse,
  run: async ({ params, headers }) => Docs.asset(params.asset, headers["accept-encoding"]),
});
