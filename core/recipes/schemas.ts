import { z } from "zod";
import { Description, Order, Title } from "../courses/schemas";

const RecipeText = z.string().max(20_000, { error: "must be at most 20000 characters" });

export const CreateRecipeRequest = z.strictObject({
  title: Title,
  description: Description.optional(),
  recipe_text: RecipeText.optional(),
  order: Order.default(1),
  is_active: z.boolean().default(true),
});
export type CreateRecipeRequest = z.infer<typeof CreateRecipeRequest>;

export const UpdateRecipeRequest = z
  .strictObject({
    title: Title.optional(),
    description: Description.nullable().optional(),
    recipe_text: RecipeText.nullable().optional(),
    order: Order.optional(),
    is_active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "give at least one field to change" });
export type UpdateRecipeRequest = z.infer<typeof UpdateRecipeRequest>;

export const RecipeResponse = z.object({
  id: z.string(),
  course_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  recipe_text: z.string().nullable(),
  order: z.number(),
  /** Presigned GET (15 minutes) for callers with access. */
  image_url: z.string().nullable(),
  image_status: z.enum(["none", "pending", "ready", "rejected"]),
  /** Why the last upload was refused, in words an admin understands. */
  image_error: z.string().nullable(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type RecipeResponse = z.infer<typeof RecipeResponse>;
