import * as z from "zod";
import * as Audit from "../../core/audit/audit";
import { AuditFilters, AuditPage } from "../../core/audit/schemas";
import { http, ok } from "../../core/http/handler";
import { PageQuery } from "../../core/http/pagination";

export const handler = http("GET /api/audit", {
  query: z
    .strictObject({ ...PageQuery, ...AuditFilters })
    .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, { path: ["to"], error: "must be after from" }),
  response: AuditPage,
  run: async ({ caller, query: { limit, cursor, ...filters } }) => ok(await Audit.list(caller, filters, limit, cursor)),
});
