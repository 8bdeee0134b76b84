import { z } from "zod";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";
import * as UserAdmin from "../../core/users/admin";
import { UserListFilters } from "../../core/users/schemas";

export const handler = http("GET /api/users", {
  query: z.strictObject({ ...PageQuery, ...UserListFilters }),
  run: async ({ query: { limit, cursor, ...filters } }) => ok(await UserAdmin.list(filters, limit, cursor)),
});
