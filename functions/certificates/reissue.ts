import * as Certificates from "../../core/certificates/certificates";
import { MyCertificateResponse } from "../../core/certificates/schemas";
import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("POST /api/certificates/{id}/reissue", {
  params: IdParams,
  response: MyCertificateResponse,
  status: 201,
  errors: [409],
  run: async ({ params }) => created(await Certificates.reissue(params.id)),
});
