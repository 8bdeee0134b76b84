import * as Memberships from "../../core/memberships/memberships";
import { CreateMembershipRequest, MembershipResponse } from "../../core/memberships/schemas";
import { created, http } from "../../core/http/handler";

export const handler = http("POST /api/memberships", {
  body: CreateMembershipRequest,
  response: MembershipResponse,
  status: 201,
  errors: [404],
  run: async ({ body, caller }) => created(await Memberships.create(caller, body)),
});
