import { clock } from "../clock";
import { db } from "../db/service";
import { isConditionalCheckFailure as isConditionFailure } from "../db/transactions";
import { logger } from "../logger";
import { csvUploaded } from "../imports/uploaded";
import { detectType, refusal } from "./detect";
import { avatarKey, importOfCsvKey, parseUploadKey, recipeImageKey, recipePdfSourceKey, thumbnailKey, type UploadTarget } from "./keys";
import { MediaRejected, normalizeAvatar, normalizeRecipeImage, normalizeThumbnail } from "./normalize";
import { checkRecipePdf } from "./recipe-pdf";
import * as Storage from "./storage";
import { requestRebuild } from "./rebuild-requests";
import { requestOcr } from "./recipe-ocr";
import { UPLOAD_RULES, VIDEO_MULTIPART_MAX_BYTES } from "./uploads";
import { probeVideo, RangeReader, type VideoMetadata } from "./video-probe";

/**
 * Step 2 of the media pipeline: a browser finished an upload under `uploads/`; check it, normalize it, store it
 * under `media/`, record the outcome on its owner, drop the raw upload.
 *
 * Every owner (recipe, course thumbnail, user avatar, lesson video) remembers the newest upload it has seen. An upload
 * claims its owner only if it is newer (ULIDs sort by time), and its result lands only while it is still the
 * newest: an older upload, a late duplicate or a replay can never replace a newer photo. Safe to run twice.
 * A recipe's photo and PDF share one upload id: whichever was sent last is the recipe's source.
 */
export async function processUpload(key: string): Promise<void> {
  // An enrollment import's CSV is no media: its import checks it (core/imports).
  const importId = importOfCsvKey(key);
  if (importId) return csvUploaded(importId);
  const target = parseUploadKey(key);
  if (!target) {
    logger.warn("upload with a key this app never hands out; removed", { key });
    await Storage.remove(key);
    return;
  }
  // A video landed where it stays; it is removed only when refused or overtaken.
  if (target.kind === "video") return processVideo(target, key);
  // Removed only once the upload reached a final outcome (landed, refused, superseded, already handled): when
  // processing throws, the message is retried and must find the raw upload again. Abandoned ones expire in a day.
  if (target.kind === "recipe-pdf") await processRecipePdf(target, key);
  else await processImage(target, key);
  await Storage.remove(key);
}

const MB = 1024 * 1024;
// Rounded up: a file one byte over the limit must not read "25.0 MB (at most 25.0 MB)".
const describeSize = (bytes: number) => `${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB`;

/** Reads the raw upload, or the reason to refuse it. `undefined` = already gone (a duplicate of a finished upload). */
async function readUpload(key: string, maxBytes: number): Promise<Buffer | MediaRejected | undefined> {
  const object = await Storage.read(key, maxBytes);
  if (!object) return undefined;
  if ("tooLarge" in object) return new MediaRejected(`file too large: ${describeSize(object.tooLarge)} (at most ${describeSize(maxBytes)})`);
  return object.bytes;
}

/**
 * The item that owns an upload and the prefix of its tracking fields (`<field>_upload_id`, `_status`, `_error`,
 * `_key`). Recipe, course and lesson share those names, which ElectroDB's types cannot express across entities,
 * hence the one `any` below.
 */
function ownerOf(target: UploadTarget): { entity: any; key: Record<string, string>; field: "image" | "thumbnail" | "avatar" | "video" } { // eslint-disable-line @typescript-eslint/no-explicit-any -- see above
  switch (target.kind) {
    case "recipe-image":
    case "recipe-pdf":
      return { entity: db().entities.recipe, key: { course_id: target.courseId, recipe_id: target.ownerId }, field: "image" };
    case "avatar":
      return { entity: db().entities.user, key: { user_id: target.ownerId }, field: "avatar" };
    case "thumbnail":
      return { entity: db().entities.course, key: { course_id: target.courseId }, field: "thumbnail" };
    case "video":
      return { entity: db().entities.lesson, key: { course_id: target.courseId, lesson_id: target.ownerId }, field: "video" };
  }
}

type Attributes = Record<string, unknown>;
type Operations = { notExists(attribute: unknown): string; lt(attribute: unknown, value: string): string; eq(attribute: unknown, value: string): string };

/**
 * Marks the owner `pending` for this upload if it is the newest so far (or a redelivery of the same, still
 * pending upload). Returns false when a newer upload owns it, it is already done, or the owner is gone.
 */
async function claim(target: UploadTarget): Promise<boolean> {
  const { entity, key, field } = ownerOf(target);
  const idField = `${field}_upload_id`;
  const statusField = `${field}_status`;
  try {
    await entity
      .patch(key)
      .set({ [idField]: target.uploadId, [statusField]: "pending" })
      .remove([`${field}_error`])
      .where(
        (attr: Attributes, op: Operations) =>
          `${op.notExists(attr[idField])} OR ${op.lt(attr[idField], target.uploadId)} OR (${op.eq(attr[idField], target.uploadId)} AND ${op.eq(attr[statusField], "pending")})`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}


async function reject(target: UploadTarget, reason: string): Promise<void> {
  const { entity, key, field } = ownerOf(target);
  logger.info("upload rejected", { kind: target.kind, owner: target.ownerId, upload: target.uploadId, reason });
  try {
    await entity
      .patch(key)
      .set({ [`${field}_status`]: "rejected", [`${field}_error`]: reason })
      .where((attr: Attributes, op: Operations) => op.eq(attr[`${field}_upload_id`], target.uploadId))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

async function processImage(target: UploadTarget, key: string): Promise<void> {
  if (!(await claim(target))) return;
  const rules = UPLOAD_RULES[target.kind];
  const raw = await readUpload(key, rules.maxBytes);
  if (raw === undefined) return;
  if (raw instanceof MediaRejected) return reject(target, raw.reason);

  const normalize = { thumbnail: normalizeThumbnail, avatar: normalizeAvatar }[target.kind as "thumbnail" | "avatar"] ?? normalizeRecipeImage;
  let normalized: { jpeg: Buffer; width: number; height: number };
  try {
    normalized = await normalize(raw);
  } catch (error) {
    if (error instanceof MediaRejected) return reject(target, error.reason);
    throw error;
  }

  const stored =
    target.kind === "thumbnail" ? thumbnailKey(target.courseId, target.uploadId) : target.kind === "avatar" ? avatarKey(target.ownerId, target.uploadId) : recipeImageKey(target.courseId, target.ownerId, target.uploadId);
  await Storage.write(stored, normalized.jpeg, "image/jpeg");
  const previous =
    target.kind === "thumbnail" ? await landThumbnail(target, stored) : target.kind === "avatar" ? await landAvatar(target, stored) : await landRecipeSource(target, { kind: "image", key: stored, ...normalized });
  await settle(target, stored, previous);
}

/** A recipe PDF: checked, its pages copied clean into `media/recipes/` (core/media/recipe-pdf.ts). */
async function processRecipePdf(target: UploadTarget, key: string): Promise<void> {
  if (!(await claim(target))) return;
  const raw = await readUpload(key, UPLOAD_RULES["recipe-pdf"].maxBytes);
  if (raw === undefined) return;
  if (raw instanceof MediaRejected) return reject(target, raw.reason);
  let checked: { pdf: Uint8Array; pageCount: number };
  try {
    checked = await checkRecipePdf(raw);
  } catch (error) {
    if (error instanceof MediaRejected) return reject(target, error.reason);
    throw error;
  }
  const stored = recipePdfSourceKey(target.courseId, target.ownerId, target.uploadId);
  await Storage.write(stored, checked.pdf, "application/pdf");
  await settle(target, stored, await landRecipeSource(target, { kind: "pdf", key: stored, pageCount: checked.pageCount }));
}

/** After landing: drop what this upload replaced, or its own result when it was overtaken. */
async function settle(target: UploadTarget, stored: string, previous: string[] | false): Promise<void> {
  if (previous === false) {
    // A newer upload (or a deletion) overtook this one while it was being processed: its result must not stay.
    await Storage.remove(stored);
    return;
  }
  for (const key of previous) if (key !== stored) await Storage.remove(key);
  // The new object's own event may have been handled before the revision moved: ask for the rebuild explicitly.
  if (target.kind === "recipe-image" || target.kind === "recipe-pdf") await requestRebuild([target.courseId]);
  // The photo or PDF is ready and in the course PDF; its text is read on its own queue (a photo's words then
  // rebuild the PDF again, with its text layer).
  if (target.kind === "recipe-image") await requestOcr({ course_id: target.courseId, recipe_id: target.ownerId, image_key: stored });
  if (target.kind === "recipe-pdf") await requestOcr({ course_id: target.courseId, recipe_id: target.ownerId, pdf_key: stored });
}

type RecipeSource = { kind: "image"; key: string; width: number; height: number } | { kind: "pdf"; key: string; pageCount: number };

/**
 * Makes the normalized image or the checked PDF the recipe's one source (the other kind's fields go) and bumps the
 * course's PDF revision in the same transaction. Returns the keys it replaced, or false when this upload is no
 * longer the newest (or the recipe is gone).
 */
async function landRecipeSource(target: UploadTarget, source: RecipeSource): Promise<string[] | false> {
  const { data: recipe } = await db().entities.recipe.get({ course_id: target.courseId, recipe_id: target.ownerId }).go({ consistent: true });
  if (!recipe || recipe.image_upload_id !== target.uploadId) return false;
  const updated_at = clock.now().toISOString();
  const result = await db()
    .transaction.write(({ recipe: recipes, course }) => [
      (source.kind === "image"
        ? recipes
            .patch({ course_id: target.courseId, recipe_id: target.ownerId })
            // Its text is read next, off this path (core/media/recipe-ocr.ts): the old photo's OCR result goes now.
            .set({ source: "image", image_status: "ready", image_key: source.key, image_width: source.width, image_height: source.height, ocr_status: "pending", updated_at })
            .remove(["pdf_key", "pdf_page_count", ...OCR_RESULT])
        : recipes
            .patch({ course_id: target.courseId, recipe_id: target.ownerId })
            // A PDF is not read by OCR: the text it carries is read next (core/media/pdf-text.ts), and its pages go
            // into the course PDF with their own text layer.
            .set({ source: "pdf", image_status: "ready", pdf_key: source.key, pdf_page_count: source.pageCount, ocr_status: "pending", updated_at })
            .remove(["image_key", "image_width", "image_height", ...OCR_RESULT])
      )
        .where((attr, op) => op.eq(attr.image_upload_id, target.uploadId))
        .commit(),
      course.patch({ course_id: target.courseId }).add({ recipes_revision: 1 }).where((attr, op) => op.eq(attr.lifecycle, "live")).commit(),
    ])
    .go();
  if (result.canceled) {
    if (result.data.some((item) => item.code === "TransactionConflict")) throw new Error("PDF revision bump raced another write; the message will be retried");
    return false;
  }
  return [recipe.image_key, recipe.pdf_key, recipe.ocr_words_key].filter((key): key is string => key !== undefined);
}

/** What OCR wrote about the previous photo (issue 15); `recipe_text` and its source stay until the new result. */
const OCR_RESULT = ["ocr_text", "ocr_confidence", "ocr_error", "ocr_image_key", "ocr_words_key"] as const;

/** The uploaded avatar replaces the user's avatar (and the `avatar_url` they may have typed: one or the other). */
async function landAvatar(target: UploadTarget, stored: string): Promise<string[] | false> {
  try {
    const { data: before } = await db()
      .entities.user.patch({ user_id: target.ownerId })
      .set({ avatar_status: "ready", avatar_key: stored, updated_at: clock.now().toISOString() })
      .remove(["avatar_url", "avatar_error"])
      .where((attr, op) => op.eq(attr.avatar_upload_id, target.uploadId))
      .go({ response: "all_old" });
    return before?.avatar_key ? [before.avatar_key] : [];
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

async function landThumbnail(target: UploadTarget, stored: string): Promise<string[] | false> {
  const { data: course } = await db().entities.course.get({ course_id: target.courseId }).go({ consistent: true });
  if (!course || course.thumbnail_upload_id !== target.uploadId) return false;
  try {
    await db()
      .entities.course.patch({ course_id: target.courseId })
      .set({ thumbnail_status: "ready", thumbnail_key: stored })
      .where((attr, op) => `${op.eq(attr.thumbnail_upload_id, target.uploadId)} AND ${op.eq(attr.lifecycle, "live")}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  return course.thumbnail_key ? [course.thumbnail_key] : [];
}

/**
 * A video is uploaded to its final key (core/media/keys.ts) and checked there: its container is read with ranged
 * GETs (core/media/video-probe.ts), never downloaded nor copied. It becomes the lesson's video, with its duration,
 * size and codec, only while it is the newest upload; a refused or overtaken one is removed, the lesson's earlier
 * video stays. A multipart upload (core/media/multipart.ts) arrives here too, through S3's CompleteMultipartUpload event.
 */
async function processVideo(target: UploadTarget, key: string): Promise<void> {
  if (!(await claim(target))) {
    // A redelivery of the video that already landed keeps it; anything else (overtaken, lesson gone) is removed.
    const { data: lesson } = await db().entities.lesson.get({ course_id: target.courseId, lesson_id: target.ownerId }).go({ consistent: true });
    if (lesson?.video_key !== key) await Storage.remove(key);
    return;
  }
  const size = await Storage.size(key);
  if (size === undefined) return;
  const refuse = async (reason: string) => {
    await reject(target, reason);
    await Storage.remove(key);
  };
  // The largest video any upload route accepts (in parts); a single POST is held to 5 GB by its policy on S3.
  const max = VIDEO_MULTIPART_MAX_BYTES;
  if (size > max) return refuse(`file too large: ${describeSize(size)} (at most ${describeSize(max)})`);
  const reader = new RangeReader((start, end) => Storage.readRange(key, start, end), size);
  const detected = detectType(await reader.read(0, 64));
  if (detected.kind !== "video") return refuse(refusal(detected, "video"));
  let metadata: VideoMetadata;
  try {
    metadata = await probeVideo(reader, detected.format);
  } catch (error) {
    if (error instanceof MediaRejected) return refuse(error.reason);
    throw error;
  } finally {
    logger.info("video probed", { lesson: target.ownerId, upload: target.uploadId, size, bytesRead: reader.bytesRead });
  }
  await landVideo(target, key, size, metadata);
}

async function landVideo(target: UploadTarget, key: string, size: number, metadata: VideoMetadata): Promise<void> {
  const { data: lesson } = await db().entities.lesson.get({ course_id: target.courseId, lesson_id: target.ownerId }).go({ consistent: true });
  try {
    await db()
      .entities.lesson.patch({ course_id: target.courseId, lesson_id: target.ownerId })
      .set({
        video_status: "ready",
        video_key: key,
        video_duration: metadata.duration,
        video_width: metadata.width,
        video_height: metadata.height,
        video_codec: metadata.codec,
        video_size_bytes: size,
        updated_at: clock.now().toISOString(),
      })
      .where((attr, op) => op.eq(attr.video_upload_id, target.uploadId))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await Storage.remove(key);
    return;
  }
  if (lesson?.video_key && lesson.video_key !== key) await Storage.remove(lesson.video_key);
}
