import * as z from "zod";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";
import * as UserAdmin from "../../core/users/admin";
import { UserListFilters, UserListResponse } from "../../core/users/schemas";

export const handler = http("GET /api/users", {
  query: z.strictObject({ ...PageQuery, ...UserListFilters }),
  response: UserListResponse,
  run: async ({ caller, query: { limit, cursor, ...filters } }) => ok(await UserAdmin.list(caller, filters, limit, cursor)),
});
