import { Entity } from "electrodb";
import { SERVICE } from "../service-name";
import { ORDER_PADDING } from "./course";

/** A recipe (a photo, later one page of the course's PDF), stored in the course's partition; by id through gsi1. */
export const RecipeEntity = new Entity({
  model: { entity: "recipe", version: "1", service: SERVICE },
  attributes: {
    recipe_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    description: { type: "string" },
    /** Plain text of the recipe, kept for a future assistant (spec 4.2). */
    recipe_text: { type: "string" },
    order: { type: "number", required: true, default: 1, padding: ORDER_PADDING },
    is_active: { type: "boolean", required: true, default: true },
    /** none: no photo yet; pending: an upload is being checked; ready: `image_key` is the normalized JPEG; rejected: see `image_error`. */
    image_status: { type: ["none", "pending", "ready", "rejected"] as const, required: true, default: "none" },
    image_error: { type: "string" },
    image_key: { type: "string" },
    /** Of the normalized JPEG: the PDF lays out pages without decoding images. */
    image_width: { type: "number" },
    image_height: { type: "number" },
    /** The latest presigned upload: only its result may land (an older upload never replaces a newer one). */
    image_upload_id: { type: "string" },
    // --- Recipe sources (media issue #14): a photo or a PDF, one at a time. `image_status`, `image_error` and
    // `image_upload_id` track the latest upload of either kind, so a PDF and a photo sent at once race like two photos.
    /** What the recipe's pages come from; absent on recipes written before PDFs: read as `image_key ? "image" : "none"`. */
    source: { type: ["none", "image", "pdf"] as const },
    /** The checked PDF whose pages stand for the recipe in the course PDF. */
    pdf_key: { type: "string" },
    pdf_page_count: { type: "number" },
    // --- end of recipe sources
    // --- OCR (issue 15): the text read from the recipe's photo (Tesseract) or PDF (the text it carries) by
    // core/media/recipe-ocr.ts.
    /** Absent: none (nothing read yet). pending: queued; ready: `ocr_text` is current; failed: see `ocr_error`. */
    ocr_status: { type: ["none", "pending", "ready", "failed"] as const },
    ocr_text: { type: "string" },
    /** Tesseract's mean word confidence, 0-100: a handwritten or blurred photo reads `ready` with a low one. Absent for a PDF. */
    ocr_confidence: { type: "number" },
    ocr_error: { type: "string" },
    /** The photo or PDF the result was read from: it lands only while that is still `image_key` or `pdf_key` (the revision guard). */
    ocr_image_key: { type: "string" },
    /** The word boxes for the PDF's text layer, an S3 JSON object (core/media/keys.ts recipeOcrWordsKey). */
    ocr_words_key: { type: "string" },
    /** Who wrote `recipe_text`: an admin's text is never replaced by OCR; absent or ocr: OCR fills it. */
    recipe_text_source: { type: ["admin", "ocr"] as const },
    // --- end of OCR
    created_at: { type: "string", required: true, readOnly: true },
    updated_at: { type: "string", required: true },
  },
  indexes: {
    byCourse: {
      collection: "coursePage",
      pk: { field: "pk", composite: ["course_id"] },
      sk: { field: "sk", composite: ["recipe_id"] },
    },
    byId: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["recipe_id"] },
      sk: { field: "gsi1sk", composite: [] },
    },
  },
});
