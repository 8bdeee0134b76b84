import * as z from "zod";
import * as Memberships from "../../core/memberships/memberships";
import { MembershipListFilters, MembershipListResponse } from "../../core/memberships/schemas";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";

export const handler = http("GET /api/memberships", {
  query: z.strictObject({ ...PageQuery, ...MembershipListFilters }),
  response: MembershipListResponse,
  run: async ({ caller, query: { limit, cursor, ...filters } }) => ok(await Memberships.list(caller, filters, limit, cursor)),
});
