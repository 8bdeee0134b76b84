import * as z from "zod";
import { Description, Order, Title } from "../courses/fields";
import { changesOf } from "../http/fields";
import { pageOf } from "../openapi/schemas";

const RecipeText = z.string().max(20_000, { error: "must be at most 20000 characters" });

export const CreateRecipeRequest = z.strictObject({
  title: Title,
  description: Description.optional(),
  recipe_text: RecipeText.optional(),
  order: Order.optional().meta({ description: "Position among the course's recipes (and the PDF's pages); without it the recipe goes to the end." }),
  is_active: z.boolean().default(true),
}).meta({ id: "CreateRecipeRequest" });
export type CreateRecipeRequest = z.infer<typeof CreateRecipeRequest>;

export const UpdateRecipeRequest = changesOf({
  title: Title.optional(),
  description: Description.nullable().optional(),
  recipe_text: RecipeText.nullable().optional(),
  order: Order.optional(),
  is_active: z.boolean().optional(),
}).meta({ id: "UpdateRecipeRequest" });
export type UpdateRecipeRequest = z.infer<typeof UpdateRecipeRequest>;

/** What the API shows of a recipe (`toResponse` of core/recipes/recipes.ts). */
export const RecipeResponse = z.object({
  id: z.string(),
  course_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  recipe_text: z.string().nullable(),
  order: z.number(),
  image_url: z.string().nullable().meta({ description: "A presigned GET (15 minutes) for callers with access." }),
  image_status: z.enum(["none", "pending", "ready", "rejected"]),
  image_error: z.string().nullable().meta({ description: "Why the last upload was refused, in words an admin understands." }),
  // Recipe sources (media issue #14).
  source: z.enum(["none", "image", "pdf"]).meta({ description: "What the recipe's pages in the course PDF come from: its photo or its PDF, one at a time (uploading the other kind replaces it). `image_status` and `image_error` follow the latest upload of either kind." }),
  pdf_url: z.string().nullable().meta({ description: "A presigned GET (15 minutes) of the recipe's PDF (its pages, cleaned of anything active), for callers with access." }),
  page_count: z.number().int().nullable().meta({ description: "Pages the recipe takes in the course PDF: its PDF's pages, 1 for a photo, null without either." }),
  // OCR (issue 15). Everyone with access sees `recipe_text` (filled from the photo while no admin has written it);
  // the OCR fields are the admin's, to compare and accept: null for students.
  recipe_text_source: z.enum(["admin", "ocr"]).nullable().meta({ description: "Who wrote `recipe_text`: an admin (never replaced by OCR) or OCR (replaced by the next photo's or PDF's text). Null without a text. Admins only." }),
  ocr_status: z.enum(["none", "pending", "ready", "failed"]).nullable().meta({ description: "Reading the text of the photo (OCR) or of the PDF (the text it carries; a scanned PDF has none): none (nothing to read), pending, ready, failed (see `ocr_error`). A handwritten or blurred photo is ready with a low confidence. Admins only." }),
  ocr_text: z.string().nullable().meta({ description: "The text read from the current photo or PDF. Admins only." }),
  ocr_confidence: z.number().nullable().meta({ description: "Tesseract's mean confidence, 0-100: below ~60 the text is mostly guesswork. Null for a PDF's own text. Admins only." }),
  ocr_error: z.string().nullable().meta({ description: "Why the photo's text could not be read. Admins only." }),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: "RecipeResponse" });
export type RecipeResponse = z.infer<typeof RecipeResponse>;

export const RecipeListResponse = pageOf(RecipeResponse).meta({ id: "RecipeListResponse" });
