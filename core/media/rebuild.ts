import { clock } from "../clock";
import { mapLimited } from "../concurrency";
import * as Courses from "../courses/courses";
import type { CourseRecord } from "../courses/views";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { logger } from "../logger";
import { MAX_STORED_RECIPE_BYTES, recipePdfKey } from "./keys";
import type { OcrWords } from "./ocr";
import { buildRecipePdf, type RecipePage, type RecipePdfPages } from "./pdf";
import * as Storage from "./storage";

/** Parallel S3 reads while assembling (the images are already normalized: no CPU work here). */
const READ_CONCURRENCY = 8;

export type RebuildOutcome = "built" | "empty" | "current" | "superseded" | "gone";

/**
 * Steps 3-4 of the media pipeline: rebuild one course's consolidated recipe PDF from DynamoDB (the source of
 * truth, never an S3 listing). Builds revision R = the course's `recipes_revision`, writes `recipes-rR.pdf`, and
 * moves the course's pointer to it only forward (conditional on `pdf_revision < R`): duplicate, late and
 * out-of-order events can never make an older PDF current. A change during the build bumps the revision and
 * queues another rebuild, which takes over.
 */
export async function rebuildCoursePdf(courseId: string): Promise<RebuildOutcome> {
  const page = await Courses.loadPage(courseId);
  if (!page) return "gone";
  const { course } = page;
  const revision = course.recipes_revision;
  if (course.pdf_revision >= revision) return "current";

  const hasImage = (recipe: (typeof page.recipes)[number]) => Boolean(recipe.image_key && recipe.image_width && recipe.image_height);
  const recipes = page.recipes.filter((recipe) => recipe.is_active && (recipe.pdf_key || hasImage(recipe)));
  type Entry = { recipeId: string; page: RecipePage | RecipePdfPages };
  const pages = await mapLimited(recipes, READ_CONCURRENCY, async (recipe): Promise<Entry | undefined> => {
    if (recipe.pdf_key) {
      const object = await Storage.read(recipe.pdf_key, MAX_STORED_RECIPE_BYTES.pdf);
      return object && !("tooLarge" in object) ? { recipeId: recipe.recipe_id, page: { pdf: object.bytes } } : undefined;
    }
    const [object, words] = await Promise.all([Storage.read(recipe.image_key!, MAX_STORED_RECIPE_BYTES.image), ocrWordsOf(recipe)]);
    // Deleted since the read above: that deletion bumped the revision, so a newer rebuild is on its way.
    if (!object || "tooLarge" in object) return undefined;
    return {
      recipeId: recipe.recipe_id,
      page: { title: recipe.title, description: recipe.description, jpeg: object.bytes, width: recipe.image_width!, height: recipe.image_height!, ...(words ? { words } : {}) },
    };
  });
  const present = pages.filter((entry): entry is Entry => entry !== undefined);

  if (present.length === 0) {
    return (await movePointer(course, revision, undefined)) ? "empty" : "superseded";
  }
  const { pdf, pageCount, startPages } = await buildRecipePdf({ courseTitle: course.title, pages: present.map((entry) => entry.page) });
  const key = recipePdfKey(courseId, revision);
  await Storage.write(key, pdf, "application/pdf");
  const recipePages = Object.fromEntries(present.map((entry, index) => [entry.recipeId, startPages[index]!]));
  const moved = await movePointer(course, revision, { key, pageCount, sizeBytes: pdf.byteLength, recipePages });
  logger.info("recipe pdf rebuilt", { course: courseId, revision, pages: pageCount, bytes: pdf.byteLength, current: moved });
  return moved ? "built" : "superseded";
}

/** Word boxes are small (a few hundred words of a photo: tens of KB). */
const MAX_WORDS_BYTES = 2 * 1024 * 1024;

/**
 * The OCR word boxes of a recipe's current photo, for the PDF's invisible text layer; none when OCR has not read
 * this photo (yet). A missing or unreadable object only leaves the page without its text layer.
 */
async function ocrWordsOf(recipe: { recipe_id: string; image_key?: string; ocr_image_key?: string; ocr_words_key?: string }): Promise<OcrWords | undefined> {
  if (!recipe.ocr_words_key || recipe.ocr_image_key !== recipe.image_key) return undefined;
  const object = await Storage.read(recipe.ocr_words_key, MAX_WORDS_BYTES);
  if (!object || "tooLarge" in object) return undefined;
  try {
    const words = JSON.parse(Buffer.from(object.bytes).toString("utf8")) as OcrWords;
    return Array.isArray(words.words) && words.width > 0 && words.height > 0 ? words : undefined;
  } catch {
    logger.warn("unreadable OCR word boxes; the page goes without its text layer", { recipe: recipe.recipe_id });
    return undefined;
  }
}

/** Records a failed build of a revision (shown as `status: failed` until a later revision builds). */
export async function markFailed(courseId: string, revision: number): Promise<void> {
  try {
    await db()
      .entities.course.patch({ course_id: courseId })
      .set({ pdf_failed_revision: revision })
      .where((attr, op) => op.lt(attr.pdf_revision, revision))
      .go();
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

/**
 * Moves the PDF pointer to `revision` if it is newer than the current one. The PDF it replaces stays one more build
 * as `pdf_previous_key`: a download link handed out a moment ago (the course page, the console) keeps working while
 * the OCR that follows a photo, or an admin's next edit, rebuilds the PDF; the one from two builds back is removed.
 */
async function movePointer(course: CourseRecord, revision: number, built: { key: string; pageCount: number; sizeBytes: number; recipePages: Record<string, number> } | undefined): Promise<boolean> {
  // The PDF current when this build started; an empty course keeps none.
  const keptPrevious = built && course.pdf_key !== built.key ? course.pdf_key : undefined;
  const update = db()
    .entities.course.patch({ course_id: course.course_id })
    .set({
      pdf_revision: revision,
      pdf_updated_at: clock.now().toISOString(),
      ...(built ? { pdf_key: built.key, pdf_page_count: built.pageCount, pdf_recipe_pages: built.recipePages, pdf_size_bytes: built.sizeBytes } : {}),
      ...(built && keptPrevious ? { pdf_previous_key: keptPrevious } : {}),
    })
    .remove([
      "pdf_failed_revision",
      ...(built ? [] : (["pdf_key", "pdf_page_count", "pdf_recipe_pages", "pdf_size_bytes"] as const)),
      ...(built && keptPrevious ? [] : (["pdf_previous_key"] as const)),
    ])
    .where((attr, op) => `${op.lt(attr.pdf_revision, revision)} AND ${op.eq(attr.lifecycle, "live")}`);
  let previous: Partial<CourseRecord> | null;
  try {
    previous = (await update.go({ response: "all_old" })).data as Partial<CourseRecord> | null;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    // A newer revision is already current: this build is stale. Its object is not the current one; drop it.
    if (built) {
      const current = await Courses.get(course.course_id);
      if (current?.pdf_key !== built.key) await Storage.remove(built.key);
    }
    return false;
  }
  // Best effort once the pointer has moved: a retry would stop at "already current" and never come back here, so
  // failing the build for a delete that did not go through would only log a false failure.
  try {
    // What the pointer and the kept previous PDF pointed at before, unless still kept (a build that raced past the
    // one read above leaves its replaced PDF here too).
    const kept = new Set([built?.key, built ? keptPrevious : undefined]);
    const replaced = [previous?.pdf_key, previous?.pdf_previous_key].filter((key): key is string => Boolean(key) && !kept.has(key));
    for (const key of new Set(replaced)) await Storage.remove(key);
    await removeSkippedPdfs(course.course_id, previous?.pdf_revision ?? 0, revision);
  } catch (error) {
    logger.warn("older recipe PDFs were not removed; they stay until the course is deleted", { course: course.course_id, error: error as Error });
  }
  return true;
}

/**
 * The PDFs of the revisions the pointer jumped over. A build that wrote its PDF and then failed before moving the
 * pointer (an error, a timeout, S3 answering 500 after storing) leaves an object nothing points at; when a newer
 * revision is built before its retry, nothing would ever write or remove that key again. At most two rebuilds run at
 * once (the event source's maximumConcurrency, core/consumers.ts), so one of these is rarely still being written: a
 * PUT of an older revision in flight in the other invocation (or left by a timed-out one) can land after this delete;
 * its pointer move then fails (the pointer only moves forward) and the object stays until the course is deleted. A
 * delete of a missing key succeeds.
 * Over a course's life this is at most one delete per revision.
 */
async function removeSkippedPdfs(courseId: string, from: number, to: number): Promise<void> {
  const skipped = Array.from({ length: Math.max(0, to - from - 1) }, (_, i) => recipePdfKey(courseId, from + 1 + i));
  await mapLimited(skipped, READ_CONCURRENCY, (key) => Storage.remove(key));
}
