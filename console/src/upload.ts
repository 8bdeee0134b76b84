/**
 * Files go from the browser straight to S3 with the presigned POST the API hands out; the API never sees the bytes.
 */
import { acceptAttribute, declaredType, type FileFamily } from "../../core/media/file-types";
import { api, request } from "./api";
import type { paths } from "./api-schema";
import { formatBytes } from "./dom";
import type { EnrollmentImport, PresignedUpload } from "./types";

/** What a presign route takes, by its last segment: `upload-video`, `upload-pdf`, else a photo. */
const familyOf = (presignPath: string): FileFamily => (presignPath.endsWith("/upload-video") ? "video" : presignPath.endsWith("/upload-pdf") ? "pdf" : "image");

/**
 * Asks the API for a presigned POST (`presignPath`, e.g. `/api/recipes/{id}/upload-image`) and sends the file.
 * The declared type is the browser's, or the one the file's extension names when the browser has none we accept
 * (most browsers give a HEIC file "" off macOS): core/media/file-types.ts, the list the API checks it against. The
 * pipeline checks the real bytes afterwards.
 */
export async function uploadFile(presignPath: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
  const contentType = declaredType(familyOf(presignPath), file);
  const presigned = await request<PresignedUpload>("POST", presignPath, { content_type: contentType, filename: file.name });
  // The policy refuses it too, but only after the whole file has travelled.
  if (file.size > presigned.max_bytes) throw new Error(`${file.name} is ${formatBytes(file.size)}; at most ${formatBytes(presigned.max_bytes)}.`);
  await postToStorage(presigned, file, onProgress);
}

/** The import's file picker takes what the API takes (the shared list). */
export const IMPORT_ACCEPT = acceptAttribute("csv");

/** The types the import's schema lists; any other declared type is sent as it is, and refused by the API in words. */
type ImportType = paths["/api/enrollments/import"]["post"]["requestBody"]["content"]["application/json"]["content_type"];

/**
 * Starts an enrollment import and sends its CSV: the API answers the import and its presigned POST in one call. The
 * declared type follows the same rule as the photos' (`csv` in core/media/file-types.ts: Excel on Windows says
 * application/vnd.ms-excel). The dry run follows off the request; the returned import is still awaiting its file.
 */
export async function uploadImportFile(file: File, onProgress: (fraction: number) => void): Promise<EnrollmentImport> {
  const started = await api((c, headers) => c.POST("/api/enrollments/import", { headers, body: { content_type: declaredType("csv", file) as ImportType, filename: file.name } }));
  if (file.size > started.upload.max_bytes) throw new Error(`${file.name} is ${formatBytes(file.size)}; at most ${formatBytes(started.upload.max_bytes)}.`);
  await postToStorage(started.upload, file, onProgress);
  return started.import;
}

/**
 * XMLHttpRequest rather than fetch: only it reports upload progress. Listening to that progress makes the browser
 * send a CORS preflight even for this form POST, so the bucket's CORS rule must list the console's origin.
 */
function postToStorage(presigned: PresignedUpload, file: File, onProgress: (fraction: number) => void): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  // S3 ignores every field after the file: it must come last.
  form.append("file", file);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", presigned.url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new Error(`Storage refused ${file.name}: ${storageErrorMessage(xhr)}`));
      }
    });
    xhr.addEventListener("error", () =>
      reject(new Error(`${file.name} did not reach storage (a network failure, or the bucket's CORS rule does not list this page's origin).`)),
    );
    xhr.send(form);
  });
}

/** S3 answers errors in XML: `<Error><Code>EntityTooLarge</Code><Message>…</Message></Error>`. */
function storageErrorMessage(xhr: XMLHttpRequest): string {
  const xml = new DOMParser().parseFromString(xhr.responseText, "application/xml");
  return xml.querySelector("Error > Message")?.textContent ?? `HTTP ${xhr.status}`;
}
