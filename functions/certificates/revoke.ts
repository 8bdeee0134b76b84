import * as Certificates from "../../core/certificates/certificates";
import { MyCertificateResponse, RevokeCertificateRequest } from "../../core/certificates/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/certificates/{id}/revoke", {
  params: IdParams,
  body: RevokeCertificateRequest,
  response: MyCertificateResponse,
  errors: [409],
  run: async ({ params, body }) => ok(await Certificates.revoke(params.id, body.reason)),
});
