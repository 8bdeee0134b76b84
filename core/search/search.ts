import * as Access from "../access/access";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { decodeCursor, encodeCursor, type Page } from "../http/pagination";
import { getEach, type Wanted } from "../db/batch";
import { db } from "../db/service";
import { INDEXED_FIELDS, textOf, type CourseDoc, type SearchDoc, type SearchKind } from "./documents";
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
  const all = { fields: [...INDEXED_FIELDS[hit.doc.kind]], locked: false };
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
function snippetField(match: RawHit["match"], shown: string[]): string {
  const matchedFields = new Set(Object.values(match).flat());
  return [...shown.filter((name) => name !== "title"), "title"].find((name) => shown.includes(name) && matchedFields.has(name)) ?? "title";
}

/** How one document's item is read again in the page's BatchGetItem. */
function wanted(doc: SearchDoc): Wanted<Record<string, unknown>> {
  const { course, lesson, recipe } = db().entities;
  switch (doc.kind) {
    case "course":
      return { params: course.get({ course_id: doc.id }).params(), parse: (Item) => course.parse({ Item }) };
    case "lesson":
      return { params: lesson.get({ course_id: doc.course_id, lesson_id: doc.id }).params(), parse: (Item) => lesson.parse({ Item }) };
    case "recipe":
      return { params: recipe.get({ course_id: doc.course_id, recipe_id: doc.id }).params(), parse: (Item) => recipe.parse({ Item }) };
  }
}

/**
 * The text of a page's documents, by key, read from the table in one BatchGetItem (the index keeps only titles). An
 * item gone since the index was built keeps its indexed title (the next build drops it).
 */
async function textsOf(docs: SearchDoc[]): Promise<Map<string, Record<string, string>>> {
  const items = await getEach(Object.fromEntries(docs.map((doc) => [doc.key, wanted(doc)])));
  return new Map(docs.map((doc) => {
    const item = items[doc.key];
    return [doc.key, item ? textOf(doc.kind, item) : { title: doc.title }];
  }));
}

/** What a search's cursor is bound to: the query as searched (its terms), so "Huevos" and "huevo" share pages. */
const queryKey = (q: string): string =>
  words(q)
    .map((word) => termOf(word.text))
    .filter((term): term is string => term !== null)
    .join(" ");

/**
 * `GET /api/search`: the caller's hits, best first, a page at a time. DynamoDB: the pointer's GetItem and, for a
 * student, the grants' Query, side by side, then one BatchGetItem of the page's items for their snippets' text (with
 * the caller lookup, 4 requests; 3 for an admin; one fewer for an empty page); S3: none while the warm index is
 * current. The cursor holds the position in the filtered ranking (a build in between may shift it by the documents
 * that changed, as any ranked search does).
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

  interface Visible {
    doc: SearchDoc;
    course: CourseDoc;
    score: number;
    /** Only the fields that may be shown count as matched: a locked lesson's description gives no snippet. */
    match: RawHit["match"];
    shown: { fields: string[]; locked: boolean };
  }
  const visible: Visible[] = [];
  // Only function words ("de la"): nothing is searched, so nothing is found (the schema refused no word at all).
  if (!hasSearchableWord(q)) return { items: [], next_cursor: null };
  for (const hit of engine.search(q)) {
    const course = engine.course(hit.doc.course_id) as CourseDoc | undefined;
    const shown = visibleFields(hit, course, caller, accessOf(hit.doc.course_id), now);
    if (!shown || !course) continue;
    const match = Object.fromEntries(Object.entries(hit.match).map(([term, fields]) => [term, fields.filter((field) => shown.fields.includes(field))]));
    visible.push({ doc: hit.doc, course, score: hit.score, match, shown });
    // Enough to fill this page and know there is another.
    if (visible.length > offset + limit) break;
  }
  const page = visible.slice(offset, offset + limit);
  const next = visible.length > offset + limit ? String(offset + limit) : null;
  const texts = page.length > 0 ? await textsOf(page.map((hit) => hit.doc)) : new Map<string, Record<string, string>>();
  const items = page.map(({ doc, course, score, match, shown }): SearchHit => {
    const field = snippetField(match, shown.fields);
    return {
      kind: doc.kind,
      id: doc.id,
      course_id: doc.course_id,
      course_title: course.title,
      title: doc.title,
      score: Math.round(score * 1000) / 1000,
      snippet: snippetOf(field, texts.get(doc.key)?.[field] ?? "", new Set(Object.keys(match))),
      pdf_page: doc.kind === "recipe" ? doc.pdf_page : null,
      locked: shown.locked,
    };
  });
  return { items, next_cursor: encodeCursor(scope, next) };
}
