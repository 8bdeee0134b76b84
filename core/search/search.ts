import * as Access from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import type { CourseDoc, SearchDoc, SearchKind } from "./documents";
import { hasSearchableWord, type RawHit } from "./engine";
import { snippetOf, type Snippet } from "./snippet";
import * as Store from "./store";
import { termOf, words } from "./text";

export interface SearchHit {
  kind: SearchKind;
  id: string;
  course_id: string;
  course_title: string;
  title: string;
  score: number;
  snippet: Snippet;
  /** Recipes: the 1-based page of the course PDF where the recipe starts; null when unknown or not a recipe. */
  pdf_page: number | null;
  /** Lessons: still closed for the caller by drip release (found by its title only, as its page shows only that). */
  locked: boolean;
}

/**
 * What the caller may see of a hit, by the one access rule (core/access/access.ts), as the course page shows it:
 * admins everything; anyone signed in the summary of an active course and its active preview lessons; with access,
 * its active lessons and recipes. A lesson still locked by drip release shows only its title: it is a hit only when
 * its title matched. Undefined: not a hit for this caller.
 */
function visibleFields(hit: RawHit, course: CourseDoc | undefined, caller: Caller, access: Access.CourseAccess, now: Date): { fields: string[]; locked: boolean } | undefined {
  const all = { fields: Object.keys(hit.doc.text), locked: false };
  if (!course) return undefined;
  if (caller.isAdmin) return all;
  if (!course.is_active || !hit.doc.is_active) return undefined;
  const doc = hit.doc;
  if (doc.kind === "course") return all;
  if (doc.kind === "recipe") return access.granted ? all : undefined;
  if (!doc.is_preview && !access.granted) return undefined;
  if (!Access.lessonRelease(doc, caller, access, now).locked) return all;
  return Object.values(hit.match).some((fields) => fields.includes("title")) ? { fields: ["title"], locked: true } : undefined;
}

/** The field the snippet comes from: the first (in the kind's order, title last) that matched and may be shown. */
function snippetFor(doc: SearchDoc, match: RawHit["match"], shown: string[]): Snippet {
  const matchedFields = new Set(Object.values(match).flat());
  const field = [...shown.filter((name) => name !== "title"), "title"].find((name) => shown.includes(name) && matchedFields.has(name)) ?? "title";
  return snippetOf(field, doc.text[field] ?? "", new Set(Object.keys(match)));
}

/** What a search's cursor is bound to: the query as searched (its terms), so "Huevos" and "huevo" share pages. */
const queryKey = (q: string): string =>
  words(q)
    .map((word) => termOf(word.text))
    .filter((term): term is string => term !== null)
    .join(" ");

/**
 * `GET /api/search`: the caller's hits, best first, a page at a time. DynamoDB: the pointer's GetItem and, for a
 * student, the grants' Query, side by side (with the caller lookup, 3 requests; 2 for an admin); S3: none while the
 * warm index is current. The cursor holds the position in the filtered ranking (a build in between may shift it by
 * the documents that changed, as any ranked search does).
 */
export async function search(caller: Caller, q: string, limit: number, cursor: string | undefined): Promise<Page<SearchHit>> {
  const scope = { list: `search:${queryKey(q)}`, caller };
  const offset = Number(decodeCursor(scope, cursor) ?? 0);
  const [engine, grants] = await Promise.all([Store.current(), caller.isAdmin ? undefined : Access.grantsOf(caller.id)]);
  const now = clock.now();
  const accessByCourse = new Map<string, Access.CourseAccess>();
  const accessOf = (courseId: string) => {
    let access = accessByCourse.get(courseId);
    if (!access) {
      access = Access.accessTo(courseId, caller, grants ?? { enrollments: [], memberships: [] }, now);
      accessByCourse.set(courseId, access);
    }
    return access;
  };

  const visible: SearchHit[] = [];
  // Only function words ("de la"): nothing is searched, so nothing is found (the schema refused no word at all).
  if (!hasSearchableWord(q)) return { items: [], next_cursor: null };
  for (const hit of engine.search(q)) {
    const course = engine.course(hit.doc.course_id) as CourseDoc | undefined;
    const shown = visibleFields(hit, course, caller, accessOf(hit.doc.course_id), now);
    if (!shown || !course) continue;
    // Only the fields that may be shown count as matched: a locked lesson's description gives no snippet.
    const match = Object.fromEntries(Object.entries(hit.match).map(([term, fields]) => [term, fields.filter((field) => shown.fields.includes(field))]));
    visible.push({
      kind: hit.doc.kind,
      id: hit.doc.id,
      course_id: hit.doc.course_id,
      course_title: course.text.title ?? "",
      title: hit.doc.text.title ?? "",
      score: Math.round(hit.score * 1000) / 1000,
      snippet: snippetFor(hit.doc, match, shown.fields),
      pdf_page: hit.doc.kind === "recipe" ? (course.pdf_recipe_pages[hit.doc.id] ?? null) : null,
      locked: shown.locked,
    });
    // Enough to fill this page and know there is another.
    if (visible.length > offset + limit) break;
  }
  const items = visible.slice(offset, offset + limit);
  const next = visible.length > offset + limit ? String(offset + limit) : null;
  return { items, next_cursor: encodeCursor(scope, next) };
}
