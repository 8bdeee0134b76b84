import * as z from "zod";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import { notFound } from "../http/problem";
import { newId } from "../ids";
import * as Lessons from "../lessons/lessons";
import * as Recipes from "../recipes/recipes";
import { ENROLLMENT_CSV_KIND, enrollmentCsvKey, uploadKey, type UploadKind } from "./keys";
import { presignUpload, type PresignedUpload } from "./storage";

const MB = 1024 * 1024;

/** What each kind of upload accepts. The pipeline checks the real bytes again: these only shape the policy. */
export const UPLOAD_RULES = {
  "recipe-image": { contentTypes: ["image/jpeg", "image/png", "image/webp"], maxBytes: 25 * MB },
  thumbnail: { contentTypes: ["image/jpeg", "image/png", "image/webp"], maxBytes: 25 * MB },
  video: { contentTypes: ["video/mp4", "video/webm", "video/quicktime"], maxBytes: 5 * 1024 * MB },

  // Enrollment imports (core/imports): 5,000 rows of email, course and date fit well within 2 MB. Excel on Windows
  // declares CSV as application/vnd.ms-excel; the import checks the text itself.
  [ENROLLMENT_CSV_KIND]: { contentTypes: ["text/csv", "application/vnd.ms-excel", "text/plain"], maxBytes: 2 * MB },
} as const satisfies Record<UploadKind | typeof ENROLLMENT_CSV_KIND, { contentTypes: readonly string[]; maxBytes: number }>;

/** A presigned POST is good for 15 minutes. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;

export const UploadRequest = <K extends keyof typeof UPLOAD_RULES>(kind: K) =>
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
  return presign("video", lesson.course_id, lessonId, contentType);
}

// Enrollment imports (core/imports).
export function presignEnrollmentCsv(importId: string, contentType: string): Promise<PresignedUpload> {
  const rule = UPLOAD_RULES[ENROLLMENT_CSV_KIND];
  return presignUpload(enrollmentCsvKey(importId), contentType, rule.maxBytes, UPLOAD_EXPIRES_SECONDS, clock.now());
}
