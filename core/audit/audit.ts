import type { Caller } from "../auth/caller";
import type { AuditField } from "../db/entities/audit-entry";
import { db } from "../db/service";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import * as Users from "../users/users";
import type { AuditEntryRecord } from "./record";
import type { AuditGroup } from "./schemas";

export interface AuditFilters {
  target?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/**
 * The audit log, newest first, one Query per page through the index that fits the filters: an item's history (the
 * table's key, by `target`), one admin's (gsi2, by `actor`), or everything (gsi1). `from`/`to` bound the sort key,
 * whose first part is the time; `actor` with `target` is a filter on the item's history. Then one BatchGetItem
 * for the page's admins.
 */
export async function list(caller: Caller, filters: AuditFilters, limit: number, cursor: string | undefined): Promise<Page<AuditGroup>> {
  const scope = { list: `audit:target=${filters.target ?? "*"}:actor=${filters.actor ?? "*"}:from=${filters.from ?? "*"}:to=${filters.to ?? "*"}`, caller };
  const options = { limit, cursor: decodeCursor(scope, cursor), order: "desc" as const };
  const query = db().entities.auditEntry.query;
  const base =
    filters.target !== undefined ? query.byTarget({ target_id: filters.target }) : filters.actor !== undefined ? query.byActor({ actor_id: filters.actor }) : query.all({});
  const { from, to } = filters;
  const ranged = from !== undefined && to !== undefined ? base.between({ at: from }, { at: to }) : from !== undefined ? base.gte({ at: from }) : to !== undefined ? base.lt({ at: to }) : base;
  const actor = filters.target !== undefined ? filters.actor : undefined;
  const filtered = actor === undefined ? ranged : ranged.where((attr, op) => op.eq(attr.actor_id, actor));
  const { data, cursor: next } = await filtered.go(options);
  return { items: await grouped(data as AuditEntryRecord[]), next_cursor: encodeCursor(scope, next) };
}

/** Adjacent entries of one request become one group (they are adjacent: the sort key starts with the time and the request). */
async function grouped(entries: AuditEntryRecord[]): Promise<AuditGroup[]> {
  const actors = await Users.getMany(entries.map((entry) => entry.actor_id));
  const groups: AuditGroup[] = [];
  for (const entry of entries) {
    let group = groups.at(-1);
    if (!group || group.request_id !== entry.request_id) {
      const actor = actors.get(entry.actor_id);
      group = { request_id: entry.request_id, at: entry.at, route: entry.route, actor: { id: entry.actor_id, email: actor?.email ?? null, full_name: actor?.full_name ?? null }, changes: [] };
      groups.push(group);
    }
    group.changes.push({ id: entry.entry_id, target: { type: entry.target_type, id: entry.target_id }, action: entry.action, fields: entry.fields as AuditField[] as AuditGroup["changes"][number]["fields"] });
  }
  // Newest first between requests; within one, in the order it made its writes.
  for (const group of groups) group.changes.reverse();
  return groups;
}
