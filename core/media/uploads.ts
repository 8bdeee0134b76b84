import * as z from "zod";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import { conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Lessons from "../lessons/lessons";
import * as Recipes from "../recipes/recipes";
import { uploadKey, type UploadKind } from "./keys";
import { presignUpload, type PresignedUpload } from "./storage";

const MB = 1024 * 1024;

/** What each kind of upload accepts. The pipeline checks the real bytes again: these only shape the policy. */
export const UPLOAD_RULES = {
  "recipe-image": { contentTypes: ["image/jpeg", "image/png", "image/webp"], maxBytes: 25 * MB },
  thumbnail: { contentTypes: ["image/jpeg", "image/png", "image/webp"], maxBytes: 25 * MB },
  video: { contentTypes: ["video/mp4", "video/webm", "video/quicktime"], maxBytes: 5 * 1024 * MB },
} as const satisfies Record<UploadKind, { contentTypes: readonly string[]; maxBytes: number }>;

/** A presigned POST is good for 15 minutes. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;

export const UploadRequest = <K extends UploadKind>(kind: K) =>
  z.strictObject({
    content_type: z.enum(UPLOAD_RULES[kind].contentTypes, { error: `must be one of ${UPLOAD_RULES[kind].contentTypes.join(", ")}` }),
    // Only informative (kept in logs of the admin console); the key never contains it.
    filename: z.string().max(255, { error: "must be at most 255 characters" }).optional(),
  });

async function presign(kind: UploadKind, courseId: string, ownerId: string, contentType: string): Promise<PresignedUpload> {
  const key = uploadKey({ kind, courseId, ownerId, uploadId: newId() }, contentType);
  return presignUpload(key, contentType, UPLOAD_RULES[kind].maxBytes, UPLOAD_EXPIRES_SECONDS, clock.now());
}

export async function presignRecipeImage(recipeId: string, contentType: string): Promise<PresignedUpload> {
  const recipe = await Recipes.find(recipeId);
  return presign("recipe-image", recipe.course_id, recipeId, contentType);
}

export async function presignThumbnail(courseId: string, contentType: string): Promise<PresignedUpload> {
  if (!(await Courses.get(courseId))) throw notFound(`There is no course with id ${courseId}.`);
  return presign("thumbnail", courseId, courseId, contentType);
}

export async function presignVideo(lessonId: string, contentType: string): Promise<PresignedUpload> {
  const lesson = await Lessons.find(lessonId);
  if (lesson.kind === "text") throw conflict("A text lesson has no video: its content is its body.");
  return presign("video", lesson.course_id, lessonId, contentType);
}
