import * as z from "zod";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import { conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import * as Lessons from "../lessons/lessons";
import * as Recipes from "../recipes/recipes";
import { contentTypesOf, FILE_TYPE_NAMES, type FileFamily } from "./file-types";
import { ENROLLMENT_CSV_KIND, enrollmentCsvKey, uploadKey, type UploadKind } from "./keys";
import { presignUpload, type PresignedUpload } from "./storage";

const MB = 1024 * 1024;

/**
 * What each kind of upload accepts (core/media/file-types.ts: the console uses the same list). The pipeline checks
 * the real bytes again: these only shape the policy.
 */
export const UPLOAD_RULES = {
  "recipe-image": { family: "image", maxBytes: 25 * MB },
  thumbnail: { family: "image", maxBytes: 25 * MB },
  avatar: { family: "image", maxBytes: 25 * MB },
  "recipe-pdf": { family: "pdf", maxBytes: 50 * MB },
  video: { family: "video", maxBytes: 5 * 1024 * MB },

  // Enrollment imports (core/imports): 5,000 rows of email, course and date fit well within 2 MB.
  [ENROLLMENT_CSV_KIND]: { family: "csv", maxBytes: 2 * MB },
} as const satisfies Record<UploadKind | typeof ENROLLMENT_CSV_KIND, { family: FileFamily; maxBytes: number }>;

/**
 * A lesson video uploaded in parts (core/media/multipart.ts) may be this large; the single POST stops at
 * UPLOAD_RULES.video (5 GB, S3's limit for one POST). The pipeline refuses anything larger than this.
 */
export const VIDEO_MULTIPART_MAX_BYTES = 20 * 1024 * MB;

/** A presigned POST is good for 15 minutes. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;

/** A declared type of the family, or a 400 that says in words what the file is and what to send instead. */
export const ContentType = (family: FileFamily) =>
  z.enum(contentTypesOf(family) as [string, ...string[]], {
    error: (issue) => `${typeof issue.input === "string" && issue.input ? `a file of type ${issue.input}` : "a file of unknown type"} is not accepted here; send ${FILE_TYPE_NAMES[family]} (${contentTypesOf(family).join(", ")})`,
  });

export const UploadRequest = <K extends keyof typeof UPLOAD_RULES>(kind: K) =>
  z.strictObject({
    content_type: ContentType(UPLOAD_RULES[kind].family),
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

/** A recipe's pages as a PDF: it replaces the recipe's photo, if any, once checked (core/media/recipe-pdf.ts). */
export async function presignRecipePdf(recipeId: string, contentType: string): Promise<PresignedUpload> {
  const recipe = await Recipes.find(recipeId);
  return presign("recipe-pdf", recipe.course_id, recipeId, contentType);
}

/** The caller's own avatar: its key names the user twice (the partition and the owner), as a thumbnail names its course. */
export async function presignAvatar(userId: string, contentType: string): Promise<PresignedUpload> {
  return presign("avatar", userId, userId, contentType);
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

// Enrollment imports (core/imports).
export function presignEnrollmentCsv(importId: string, contentType: string): Promise<PresignedUpload> {
  const rule = UPLOAD_RULES[ENROLLMENT_CSV_KIND];
  return presignUpload(enrollmentCsvKey(importId), contentType, rule.maxBytes, UPLOAD_EXPIRES_SECONDS, clock.now());
}
