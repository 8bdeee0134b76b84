import type { EntityItem } from "electrodb";
import type { CourseEntity } from "../db/entities/course";
import type { LessonEntity } from "../db/entities/lesson";
import type { RecipeEntity } from "../db/entities/recipe";

/**
 * What the search index holds (docs/search.md): one document per course, lesson and recipe, with its title and what
 * the access filter needs to decide, at query time, who may see it. The rest of its text is indexed (as terms) but not
 * kept: a page's snippets are cut from the text read again from DynamoDB (core/search/search.ts).
 */

/**
 * THE list of indexed text fields, per entity: a field added here is indexed, shown in snippets, and its change
 * refreshes the index (core/search/refresh.ts). Arrays (tags) are indexed as their words.
 */
export const INDEXED_FIELDS = {
  course: ["title", "description", "tags"],
  lesson: ["title", "description"],
  recipe: ["title", "description", "recipe_text", "ocr_text"],
} as const;

/** Fields the access filter reads, or a hit shows: their change refreshes the index too. */
export const FILTER_FIELDS = {
  course: ["is_active", "lifecycle", "pdf_recipe_pages"],
  lesson: ["is_active", "is_preview", "available_at", "available_after_days"],
  recipe: ["is_active"],
} as const;

export type SearchKind = keyof typeof INDEXED_FIELDS;
export const SEARCH_KINDS = Object.keys(INDEXED_FIELDS) as SearchKind[];

/** Every field any kind indexes, in one list: the index's fields. */
export const ALL_INDEXED_FIELDS: readonly string[] = [...new Set(Object.values(INDEXED_FIELDS).flat())];

interface DocBase {
  /** `<kind>:<id>`: unique over the three kinds. */
  key: string;
  id: string;
  course_id: string;
  /** Short, shown in every hit (and as `course_title` of the course's hits). */
  title: string;
  is_active: boolean;
}
export interface CourseDoc extends DocBase {
  kind: "course";
}
export interface LessonDoc extends DocBase {
  kind: "lesson";
  is_preview: boolean;
  available_at?: string;
  available_after_days?: number;
}
export interface RecipeDoc extends DocBase {
  kind: "recipe";
  /** The 1-based page of the course's current PDF where the recipe starts (course attribute `pdf_recipe_pages`). */
  pdf_page: number | null;
}
export type SearchDoc = CourseDoc | LessonDoc | RecipeDoc;

/** A document as it is indexed: with its indexed fields' text, by field (only those of its kind, only when not empty). */
export type IndexedDoc = SearchDoc & { text: Record<string, string> };

type CourseItem = EntityItem<typeof CourseEntity>;
type LessonItem = EntityItem<typeof LessonEntity>;
type RecipeItem = EntityItem<typeof RecipeEntity>;

/** The indexed fields' text of an item (as stored in the table): what documents are indexed by and snippets cut from. */
export function textOf(kind: SearchKind, item: Record<string, unknown>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const field of INDEXED_FIELDS[kind]) {
    const value = item[field];
    const joined = Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : "";
    if (joined.trim()) text[field] = joined;
  }
  return text;
}

/** A recipe's page in `pdf_recipe_pages` as stored (`any`): only whole page numbers count. */
function recipePage(pages: unknown, recipeId: string): number | null {
  const page = pages && typeof pages === "object" ? (pages as Record<string, unknown>)[recipeId] : undefined;
  return typeof page === "number" && Number.isInteger(page) && page >= 1 ? page : null;
}

/** The documents of one live course: the course, its lessons and its recipes. */
export function documentsOf(course: CourseItem, lessons: LessonItem[], recipes: RecipeItem[]): IndexedDoc[] {
  const courseId = course.course_id;
  return [
    {
      kind: "course",
      key: `course:${courseId}`,
      id: courseId,
      course_id: courseId,
      title: course.title,
      text: textOf("course", course),
      is_active: course.is_active,
    },
    ...lessons.map(
      (lesson): IndexedDoc => ({
        kind: "lesson",
        key: `lesson:${lesson.lesson_id}`,
        id: lesson.lesson_id,
        course_id: courseId,
        title: lesson.title,
        text: textOf("lesson", lesson),
        is_active: lesson.is_active,
        is_preview: lesson.is_preview,
        ...(lesson.available_at === undefined ? {} : { available_at: lesson.available_at }),
        ...(lesson.available_after_days === undefined ? {} : { available_after_days: lesson.available_after_days }),
      }),
    ),
    ...recipes.map(
      (recipe): IndexedDoc => ({
        kind: "recipe",
        key: `recipe:${recipe.recipe_id}`,
        id: recipe.recipe_id,
        course_id: courseId,
        title: recipe.title,
        text: textOf("recipe", recipe),
        is_active: recipe.is_active,
        pdf_page: recipePage(course.pdf_recipe_pages, recipe.recipe_id),
      }),
    ),
  ];
}
