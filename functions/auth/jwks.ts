import { publicKeys } from "../../core/auth/jwks";
import { JwksResponse } from "../../core/auth/schemas";
import { http } from "../../core/http/handler";

export const handler = http("GET /.well-known/jwks.json", {
  response: JwksResponse,
  // Public keys only; clients may cache them for an hour.
  run: async () => ({ status: 200, body: publicKeys(), headers: { "cache-control": "public, max-age=3600" } }),
});
