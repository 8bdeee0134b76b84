import * as Certificates from "../../core/certificates/certificates";
import { MyCertificatesResponse } from "../../core/certificates/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/users/{id}/certificates", {
  params: IdParams,
  response: MyCertificatesResponse,
  run: async ({ params }) => ok(await Certificates.ofUser(params.id)),
});
