import * as z from "zod";
import { MAX_ORDER } from "../db/entities/course";
import { NonBlankText } from "../http/fields";

/**
 * Field rules shared by courses, lessons and recipes. Apart from core/courses/schemas.ts, which embeds the lesson and
 * recipe answers in the course page's and would otherwise import them in a circle.
 */
export const Title = NonBlankText().max(200, { error: "must be at most 200 characters" });
export const Description = z.string().trim().max(5000, { error: "must be at most 5000 characters" });
export const Order = z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).max(MAX_ORDER, { error: `must be at most ${MAX_ORDER}` });
