import * as Certificates from "../../core/certificates/certificates";
import { MyCertificatesResponse } from "../../core/certificates/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/dashboard/my-certificates", {
  response: MyCertificatesResponse,
  run: async ({ caller }) => ok(await Certificates.mine(caller)),
});
