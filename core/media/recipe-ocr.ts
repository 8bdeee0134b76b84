import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { queueUrl } from "../bindings";
import { clock } from "../clock";
import type { RecipeRecord } from "../courses/courses";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { logger } from "../logger";
import { MAX_STORED_RECIPE_BYTES, recipeOcrWordsKey } from "./keys";
import type { OcrResult, OcrWords } from "./ocr";
import { requestRebuild } from "./rebuild-requests";
import * as Storage from "./storage";

/**
 * Step 5 of the media pipeline (issue 15): the text of a recipe photo, read off the request and off the upload path.
 *
 * 1. A photo lands (core/media/pipeline.ts) or an admin asks again (POST /api/recipes/{id}/ocr): the recipe is marked
 *    `ocr_status: pending` and {@link requestOcr} queues "read recipe R's photo K" on the RecipeOcr queue. The photo
 *    is `ready` and in the PDF before any of this runs. A recipe PDF is queued the same way ("read PDF K"): not by
 *    OCR, its own text is read (core/media/pdf-text.ts), and as its pages carry that text into the course PDF,
 *    nothing is drawn and no revision moves.
 * 2. The RecipeOcr consumer ({@link recognizeRecipe}) reads K, stores the word boxes beside it, and writes the text on
 *    the recipe only while K is still the recipe's photo: a photo replaced meanwhile, or an old message arriving late,
 *    loses (a conditional write on `image_key`). `recipe_text` takes the text only while no admin has written it
 *    (`recipe_text_source` absent or `ocr`), conditionally too, so an admin's edit racing the result still wins.
 * 3. When words were found, the same transaction bumps the course's `recipes_revision`, and a rebuild is queued:
 *    the revision-guarded rebuild (core/media/rebuild.ts) draws the new text layer. A photo without words changes
 *    nothing in the PDF, so it moves no revision.
 */

/**
 * A message on the RecipeOcr queue: the photo or the PDF to read. The result lands only while it is still the
 * recipe's `image_key` (a photo) or `pdf_key` (a PDF: its own text layer is read, core/media/pdf-text.ts).
 */
export type OcrRequest = { course_id: string; recipe_id: string } & ({ image_key: string; pdf_key?: never } | { pdf_key: string; image_key?: never });

/** How a recipe's source is read: a photo by OCR, a PDF for the text it carries (passed in: see recognizeRecipe). */
export interface TextReaders {
  photo: (jpeg: Uint8Array) => Promise<OcrResult>;
  pdf: (pdf: Uint8Array) => Promise<string>;
}

/** What was read: a PDF's text has no confidence and no word boxes (its pages keep their own text layer). */
type Reading = { text: string; confidence?: number; words?: OcrWords };

/** The recipe attribute naming the source a request reads, and that source's key. */
const sourceOf = (request: OcrRequest) =>
  request.pdf_key !== undefined
    ? ({ kind: "pdf", attribute: "pdf_key", key: request.pdf_key, maxBytes: MAX_STORED_RECIPE_BYTES.pdf } as const)
    : ({ kind: "photo", attribute: "image_key", key: request.image_key, maxBytes: MAX_STORED_RECIPE_BYTES.image } as const);
/** Tries of the final write when an admin's edit or another write keeps changing the recipe under it. */
const WRITE_ATTEMPTS = 4;

let client: SQSClient | undefined;
const sqs = (): SQSClient => (client ??= new SQSClient({}));

export async function requestOcr(request: OcrRequest): Promise<void> {
  await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl("RecipeOcr"), MessageBody: JSON.stringify(request) }));
}

/** The message's request, or why it cannot be read (it then fails until it reaches the dead-letter queue). */
export function parseOcrRequest(body: string): OcrRequest | { unreadable: string } {
  try {
    const value = JSON.parse(body) as Partial<Record<"course_id" | "recipe_id" | "image_key" | "pdf_key", unknown>>;
    if (typeof value.course_id === "string" && typeof value.recipe_id === "string") {
      const recipe = { course_id: value.course_id, recipe_id: value.recipe_id };
      if (typeof value.image_key === "string" && value.pdf_key === undefined) return { ...recipe, image_key: value.image_key };
      if (typeof value.pdf_key === "string" && value.image_key === undefined) return { ...recipe, pdf_key: value.pdf_key };
    }
    return { unreadable: "not an OCR request (course_id, recipe_id, and image_key or pdf_key)" };
  } catch {
    return { unreadable: "not JSON" };
  }
}

export type OcrOutcome = "ready" | "failed" | "stale";

/**
 * Reads the photo or PDF of a request and lands the result (see the module's comment). The readers (Tesseract in
 * core/media/ocr.ts, pdf.js in core/media/pdf-text.ts) are passed in so that this module loads them only in the
 * function that runs them. Transient errors (S3, DynamoDB) throw and the message is retried; a source the reader
 * cannot read is `failed`.
 */
export async function recognizeRecipe(request: OcrRequest, readers: TextReaders): Promise<OcrOutcome> {
  const source = sourceOf(request);
  const key = { course_id: request.course_id, recipe_id: request.recipe_id };
  const { data: recipe } = await db().entities.recipe.get(key).go({ consistent: true });
  if (!recipe || recipe[source.attribute] !== source.key) return "stale";
  const object = await Storage.read(source.key, source.maxBytes);
  // Removed since the read above: a newer photo or PDF, or a deletion, took its place.
  if (!object) return "stale";
  if ("tooLarge" in object) return fail(request, `the ${source.kind} is larger than any recipe ${source.kind}; upload it again`);

  let result: Reading;
  const started = performance.now();
  try {
    if (source.kind === "pdf") {
      result = { text: await readers.pdf(object.bytes) };
    } else {
      const read = await readers.photo(object.bytes);
      result = { text: read.text, confidence: read.confidence, words: { width: read.width, height: read.height, words: read.words } };
    }
  } catch (error) {
    logger.warn("the text of a recipe source could not be read", { recipe: request.recipe_id, source: source.kind, error: error as Error });
    return fail(request, `the text of the ${source.kind} could not be read (${(error as Error).message.slice(0, 200)})`);
  }
  logger.info("recipe text read", { recipe: request.recipe_id, source: source.kind, ms: Math.round(performance.now() - started), chars: result.text.length, words: result.words?.words.length, confidence: result.confidence });

  // A photo without a word (a cake, not a recipe card) leaves the PDF as it is: no words file, no rebuild. A PDF's
  // pages carry their own text into the course PDF: nothing to draw either.
  const wordsKey = result.words && result.words.words.length > 0 ? recipeOcrWordsKey(source.key) : undefined;
  if (wordsKey) await Storage.write(wordsKey, Buffer.from(JSON.stringify(result.words)), "application/json");
  const landed = await land(request, result, wordsKey, recipe.recipe_text_source);
  if (!landed) {
    // The photo was replaced or the recipe deleted meanwhile: these words belong to nothing.
    if (wordsKey) await Storage.remove(wordsKey);
    return "stale";
  }
  if (wordsKey) await requestRebuild([request.course_id]);
  return "ready";
}

/**
 * Writes the result on the recipe and bumps the course's PDF revision, in one transaction, while the photo is still
 * the one read. Fills `recipe_text` when no admin wrote it, conditionally on that still being so; when an admin's edit
 * lands in between, the condition fails, the recipe is read again and the result is written without the text.
 */
async function land(request: OcrRequest, result: Reading, wordsKey: string | undefined, textSourceBefore: RecipeRecord["recipe_text_source"]): Promise<boolean> {
  const source = sourceOf(request);
  const key = { course_id: request.course_id, recipe_id: request.recipe_id };
  // The first try goes by the recipe as it was read before its source was: the write's condition catches whatever
  // changed since (a new source, an admin's text, a deletion), and only then is the recipe read again.
  let textSource = textSourceBefore;
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
    if (attempt > 1) {
      const { data: recipe } = await db().entities.recipe.get(key).go({ consistent: true });
      if (!recipe || recipe[source.attribute] !== source.key) return false;
      textSource = recipe.recipe_text_source;
    }
    const fillsText = textSource !== "admin";
    const outcome = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        recipes
          .patch(key)
          .set({
            ocr_status: "ready",
            ocr_text: result.text,
            ...(result.confidence === undefined ? {} : { ocr_confidence: result.confidence }),
            ocr_image_key: source.key,
            ...(wordsKey ? { ocr_words_key: wordsKey } : {}),
            ...(fillsText && result.text ? { recipe_text: result.text, recipe_text_source: "ocr" as const } : {}),
            updated_at: clock.now().toISOString(),
          })
          .remove(result.confidence === undefined ? ["ocr_error", "ocr_confidence"] : ["ocr_error"])
          .where((attr, op) => {
            const stillTheSource = op.eq(attr[source.attribute], source.key);
            return fillsText
              ? `${stillTheSource} AND (${op.notExists(attr.recipe_text_source)} OR ${op.eq(attr.recipe_text_source, "ocr")})`
              : `${stillTheSource} AND ${op.eq(attr.recipe_text_source, "admin")}`;
          })
          .commit(),
        // The text layer changes the PDF: its revision moves (not when no word was found).
        ...(wordsKey ? [course.patch({ course_id: request.course_id }).add({ recipes_revision: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit()] : []),
      ])
      .go();
    if (!outcome.canceled) return true;
    // The course is being deleted: nothing to write.
    if (wordsKey && (outcome.data as Array<{ code?: string }>)[1]?.code === "ConditionalCheckFailed") return false;
    // Otherwise the recipe changed under us (a new photo, an admin's text) or a write raced: read it again.
  }
  throw new Error("the OCR result kept racing other writes to the recipe; the message will be retried");
}

async function fail(request: OcrRequest, reason: string): Promise<OcrOutcome> {
  const source = sourceOf(request);
  try {
    await db()
      .entities.recipe.patch({ course_id: request.course_id, recipe_id: request.recipe_id })
      .set({ ocr_status: "failed", ocr_error: reason, ocr_image_key: source.key })
      .where((attr, op) => op.eq(attr[source.attribute], source.key))
      .go();
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return "stale";
  }
  return "failed";
}
