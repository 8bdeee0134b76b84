import { http, ok } from "../../core/http/handler";
import { documentRoutes, type OpenApiDocument } from "../../core/openapi/document";
import { OpenApiDocumentResponse } from "../../core/openapi/schemas";
import { routes } from "../../core/routes";
import { loadHandlerModule } from "./handler-modules";

/** Built on the first request and kept: the routes cannot change under a running function. */
let document: Promise<OpenApiDocument> | undefined;

export const handler = http("GET /api/openapi.json", {
  response: OpenApiDocumentResponse,
  run: async () => {
    if (!document) {
      document = documentRoutes(routes, loadHandlerModule);
      document.catch(() => (document = undefined)); // a failed build is retried by the next request
    }
    return ok(await document);
  },
});
