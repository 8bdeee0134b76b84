import * as Certificates from "../../core/certificates/certificates";
import { CertificateVerificationResponse } from "../../core/certificates/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("GET /api/certificates/{id}", {
  params: IdParams,
  response: CertificateVerificationResponse,
  run: async ({ params }) => ok(await Certificates.verify(params.id)),
});
