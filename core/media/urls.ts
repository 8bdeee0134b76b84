import type { CourseRecord } from "../courses/views";
import { presignDownload } from "./storage";

/** Presigned GETs live 15 minutes at most: long enough to start a download or a video, short enough to not be shared. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

/**
 * A short-lived link to a course file, or null. `allowed` is the access rule's verdict for the caller: nobody the
 * rule refuses ever receives a URL to a course file.
 */
export async function fileUrl(key: string | undefined, allowed: boolean, downloadName?: string): Promise<string | null> {
  if (!key || !allowed) return null;
  return presignDownload(key, DOWNLOAD_URL_SECONDS, downloadName);
}

export type PdfStatus = "none" | "building" | "ready" | "failed";

/** Derived from the revisions, so it can never disagree with them. */
export function pdfStatus(course: CourseRecord): PdfStatus {
  if (course.recipes_revision === 0) return "none";
  if (course.pdf_failed_revision === course.recipes_revision) return "failed";
  if (course.pdf_revision < course.recipes_revision) return "building";
  return course.pdf_key ? "ready" : "none";
}

/** The name browsers save the PDF under: the course title, kept readable. */
export const pdfDownloadName = (course: CourseRecord): string =>
  `${[...course.title].map((char) => (char < " " || '\\/:*?"<>|'.includes(char) ? " " : char)).join("").trim()} - recetas.pdf`;
