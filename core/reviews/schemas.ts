import * as z from "zod";
import { PageQuery } from "../http/pagination";
import { pageOf } from "../openapi/schemas";

export const ReviewRequest = z
  .strictObject({
    rating: z.number().int({ error: "must be a whole number from 1 to 5" }).min(1, { error: "must be at least 1" }).max(5, { error: "must be at most 5" }),
    text: z.string().trim().max(2000, { error: "must be at most 2000 characters" }).optional().meta({ description: "Plain text (never read as HTML); empty or absent: a rating alone." }),
  })
  .meta({ id: "ReviewRequest", description: "The whole review: a PUT replaces the rating and the text (no text = none)." });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const ModerateReviewRequest = z.strictObject({ is_active: z.boolean() }).meta({ id: "ModerateReviewRequest" });

export const ReviewResponse = z
  .object({
    id: z.string(),
    course_id: z.string(),
    user_id: z.string(),
    author_name: z.string().nullable().meta({ description: "The author's full name; null once their account is gone." }),
    rating: z.number(),
    text: z.string().nullable(),
    is_active: z.boolean().meta({ description: "false: hidden by a moderator (listed to admins only, not in the course's rating)." }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Review" });
export type ReviewResponse = z.infer<typeof ReviewResponse>;

export const ReviewListQuery = z.strictObject(PageQuery);
export const ReviewPage = pageOf(ReviewResponse).meta({ id: "ReviewPage" });
