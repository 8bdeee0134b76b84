import * as Memberships from "../../core/memberships/memberships";
import { CreateMembershipRequest } from "../../core/memberships/schemas";
import { created, http } from "../../core/http/handler";

export const handler = http("POST /api/memberships", {
  body: CreateMembershipRequest,
  run: async ({ body, caller }) => created(await Memberships.create(caller, body)),
});
