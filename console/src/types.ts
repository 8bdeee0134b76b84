/**
 * The API's shapes, taken from the backend's own schemas (type-only imports: nothing of core/ reaches the bundle),
 * so a change on the server that the console does not follow fails the type check.
 */
import type { z } from "zod";
import type { TokenPairResponse } from "../../core/auth/schemas";

export type { CoursePageResponse as CoursePage } from "../../core/courses/page-view";
export type { CourseResponse as Course } from "../../core/courses/schemas";
export type { Page } from "../../core/http/pagination";
export type { Problem } from "../../core/http/problem";
export type { LessonResponse as Lesson } from "../../core/lessons/schemas";
export type { PresignedUpload } from "../../core/media/storage";
export type { RecipeResponse as Recipe } from "../../core/recipes/schemas";

export type TokenPair = z.infer<typeof TokenPairResponse>;

/** The states of an uploaded file (recipe photo, lesson video) as the pipeline reports them. */
export type MediaStatus = "none" | "pending" | "ready" | "rejected";
