import * as Memberships from "../../core/memberships/memberships";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { MembershipResponse } from "../../core/memberships/schemas";

export const handler = http("GET /api/memberships/{id}", {
  params: IdParams,
  response: MembershipResponse,
  run: async ({ params }) => ok(await Memberships.get(params.id)),
});
