import * as Memberships from "../../core/memberships/memberships";
import { MembershipResponse, UpdateMembershipRequest } from "../../core/memberships/schemas";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/memberships/{id}", {
  params: IdParams,
  body: UpdateMembershipRequest,
  response: MembershipResponse,
  errors: [409],
  run: async ({ params, body }) => ok(await Memberships.update(params.id, body)),
});
