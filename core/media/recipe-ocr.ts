import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { queueUrl } from "../bindings";
import { clock } from "../clock";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { logger } from "../logger";
import { recipeOcrWordsKey } from "./keys";
import type { OcrResult, OcrWords } from "./ocr";
import { requestRebuild } from "./rebuild-requests";
import * as Storage from "./storage";

/**
 * Step 5 of the media pipeline (issue 15): the text of a recipe photo, read off the request and off the upload path.
 *
 * 1. A photo lands (core/media/pipeline.ts) or an admin asks again (POST /api/recipes/{id}/ocr): the recipe is marked
 *    `ocr_status: pending` and {@link requestOcr} queues "read recipe R's photo K" on the RecipeOcr queue. The photo
 *    is `ready` and in the PDF before any of this runs.
 * 2. The RecipeOcr consumer ({@link recognizeRecipe}) reads K, stores the word boxes beside it, and writes the text on
 *    the recipe only while K is still the recipe's photo: a photo replaced meanwhile, or an old message arriving late,
 *    loses (a conditional write on `image_key`). `recipe_text` takes the text only while no admin has written it
 *    (`recipe_text_source` absent or `ocr`), conditionally too, so an admin's edit racing the result still wins.
 * 3. When words were found, the same transaction bumps the course's `recipes_revision`, and a rebuild is queued:
 *    the revision-guarded rebuild (core/media/rebuild.ts) draws the new text layer. A photo without words changes
 *    nothing in the PDF, so it moves no revision.
 */

/** A message on the RecipeOcr queue. */
export interface OcrRequest {
  course_id: string;
  recipe_id: string;
  /** The photo to read: the result lands only while this is still the recipe's `image_key`. */
  image_key: string;
}

/** Normalized photos are at most a few MB (core/media/rebuild.ts reads them with the same bound). */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
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
    const value = JSON.parse(body) as Partial<OcrRequest>;
    if (typeof value.course_id === "string" && typeof value.recipe_id === "string" && typeof value.image_key === "string") {
      return { course_id: value.course_id, recipe_id: value.recipe_id, image_key: value.image_key };
    }
    return { unreadable: "not an OCR request (course_id, recipe_id, image_key)" };
  } catch {
    return { unreadable: "not JSON" };
  }
}

export type OcrOutcome = "ready" | "failed" | "stale";

/**
 * Reads the photo of an OCR request and lands the result (see the module's comment). `recognize` is the engine
 * (core/media/ocr.ts), passed in so that this module loads Tesseract only in the function that runs it.
 * Transient errors (S3, DynamoDB) throw and the message is retried; a photo the engine cannot read is `failed`.
 */
export async function recognizeRecipe(request: OcrRequest, recognize: (jpeg: Uint8Array) => Promise<OcrResult>): Promise<OcrOutcome> {
  const key = { course_id: request.course_id, recipe_id: request.recipe_id };
  const { data: recipe } = await db().entities.recipe.get(key).go({ consistent: true });
  if (!recipe || recipe.image_key !== request.image_key) return "stale";
  const object = await Storage.read(request.image_key, MAX_IMAGE_BYTES);
  // Removed since the read above: a newer photo or a deletion took its place.
  if (!object) return "stale";
  if ("tooLarge" in object) return fail(request, "the photo is larger than any normalized photo; upload it again");

  let result: OcrResult;
  const started = performance.now();
  try {
    result = await recognize(object.bytes);
  } catch (error) {
    logger.warn("OCR could not read a recipe photo", { recipe: request.recipe_id, error: error as Error });
    return fail(request, `the text of the photo could not be read (${(error as Error).message.slice(0, 200)})`);
  }
  logger.info("recipe photo read", { recipe: request.recipe_id, ms: Math.round(performance.now() - started), words: result.words.length, confidence: result.confidence });

  // A photo without a word (a cake, not a recipe card) leaves the PDF as it is: no words file, no rebuild.
  const wordsKey = result.words.length > 0 ? recipeOcrWordsKey(request.image_key) : undefined;
  if (wordsKey) {
    const words: OcrWords = { width: result.width, height: result.height, words: result.words };
    await Storage.write(wordsKey, Buffer.from(JSON.stringify(words)), "application/json");
  }
  const landed = await land(request, result, wordsKey);
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
async function land(request: OcrRequest, result: OcrResult, wordsKey: string | undefined): Promise<boolean> {
  const key = { course_id: request.course_id, recipe_id: request.recipe_id };
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
    const { data: recipe } = await db().entities.recipe.get(key).go({ consistent: true });
    if (!recipe || recipe.image_key !== request.image_key) return false;
    const fillsText = recipe.recipe_text_source !== "admin";
    const outcome = await db()
      .transaction.write(({ recipe: recipes, course }) => [
        recipes
          .patch(key)
          .set({
            ocr_status: "ready",
            ocr_text: result.text,
            ocr_confidence: result.confidence,
            ocr_image_key: request.image_key,
            ...(wordsKey ? { ocr_words_key: wordsKey } : {}),
            ...(fillsText && result.text ? { recipe_text: result.text, recipe_text_source: "ocr" as const } : {}),
            updated_at: clock.now().toISOString(),
          })
          .remove(["ocr_error"])
          .where((attr, op) =>
            fillsText
              ? `${op.eq(attr.image_key, request.image_key)} AND (${op.notExists(attr.recipe_text_source)} OR ${op.eq(attr.recipe_text_source, "ocr")})`
              : `${op.eq(attr.image_key, request.image_key)} AND ${op.eq(attr.recipe_text_source, "admin")}`,
          )
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
  try {
    await db()
      .entities.recipe.patch({ course_id: request.course_id, recipe_id: request.recipe_id })
      .set({ ocr_status: "failed", ocr_error: reason, ocr_image_key: request.image_key })
      .where((attr, op) => op.eq(attr.image_key, request.image_key))
      .go();
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return "stale";
  }
  return "failed";
}
