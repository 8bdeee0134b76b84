/**
 * Files go from the browser straight to S3 with the presigned POST the API hands out; the API never sees the bytes.
 */
import { acceptAttribute, declaredType, type FileFamily } from "../../core/media/file-types";
import { api, ApiError, request } from "./api";
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

/**
 * A video larger than one part (8 MiB, the API's smallest part) goes in parts: a dropped connection or a reload then
 * costs at most the parts in flight, not the whole file. Smaller ones keep the single presigned POST.
 */
export const MULTIPART_FROM_BYTES = 8 * 1024 * 1024;

/** Parts sent at a time: enough to fill a connection, few enough that a reload loses little. */
const PARTS_IN_FLIGHT = 4;

type VideoType = paths["/api/lessons/{id}/video-uploads"]["post"]["requestBody"]["content"]["application/json"]["content_type"];

/** The upload under way for a lesson, kept across reloads, with what identifies its file when it is picked again. */
interface RememberedUpload {
  upload_id: string;
  name: string;
  size: number;
  lastModified: number;
}

const rememberedKey = (lessonId: string) => `dulcevicio.console.video-upload.${lessonId}`;

function remembered(lessonId: string): RememberedUpload | undefined {
  const raw = localStorage.getItem(rememberedKey(lessonId));
  return raw === null ? undefined : (JSON.parse(raw) as RememberedUpload);
}

const sameFile = (upload: RememberedUpload, file: File) => upload.name === file.name && upload.size === file.size && upload.lastModified === file.lastModified;

/**
 * Sends a lesson video in parts, several at a time. When this lesson's last upload was of the same file (name,
 * size, modification time), it resumes it: the API says which parts S3 holds and only the others are sent. A
 * different file abandons the old upload (DELETE) first. `signal` cancels: the upload is aborted on the server.
 */
export async function uploadVideoInParts(lessonId: string, file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<void> {
  const path = { id: lessonId };
  const previous = remembered(lessonId);
  let upload: { upload_id: string; part_size: number; parts: { n: number; url: string }[]; received: { n: number; size: number }[] } | undefined;
  if (previous && sameFile(previous, file)) {
    upload = await api((c, headers) => c.GET("/api/lessons/{id}/video-uploads/{upload_id}", { headers, params: { path: { ...path, upload_id: previous.upload_id } } })).catch(
      // Gone (completed, aborted, or expired after a day): start again.
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      },
    );
  } else if (previous) {
    await abortVideoUpload(lessonId, previous.upload_id);
  }
  if (!upload) {
    upload = await api((c, headers) =>
      c.POST("/api/lessons/{id}/video-uploads", { headers, params: { path }, body: { content_type: declaredType("video", file) as VideoType, size: file.size } }),
    );
    const entry: RememberedUpload = { upload_id: upload.upload_id, name: file.name, size: file.size, lastModified: file.lastModified };
    localStorage.setItem(rememberedKey(lessonId), JSON.stringify(entry));
  }
  const { upload_id: uploadId, part_size: partSize } = upload;
  const onAbort = () => void abortVideoUpload(lessonId, uploadId);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const receivedBytes = upload.received.reduce((sum, part) => sum + part.size, 0);
    const inFlight = new Map<number, number>();
    const report = () => onProgress((receivedBytes + [...inFlight.values()].reduce((sum, loaded) => sum + loaded, 0)) / file.size);
    report();
    const queue = [...upload.parts];
    const sendNext = async (): Promise<void> => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const { n, url } = part;
        const bytes = file.slice((n - 1) * partSize, n * partSize);
        await putPart(url, bytes, signal, (loaded) => {
          inFlight.set(n, loaded);
          report();
        }).catch((error: unknown) => {
          throw signal.aborted ? new Error("Upload cancelled.") : new Error(`Part ${n} of ${file.name} did not reach storage: ${error instanceof Error ? error.message : String(error)}`);
        });
        inFlight.set(n, bytes.size);
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, queue.length) }, sendNext));
    await api((c, headers) => c.POST("/api/lessons/{id}/video-uploads/{upload_id}/complete", { headers, params: { path: { ...path, upload_id: uploadId } } }));
    localStorage.removeItem(rememberedKey(lessonId));
    onProgress(1);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** Drops an upload on the server (S3 frees its parts) and forgets it here; one already gone is fine. */
async function abortVideoUpload(lessonId: string, uploadId: string): Promise<void> {
  localStorage.removeItem(rememberedKey(lessonId));
  await api((c, headers) => c.DELETE("/api/lessons/{id}/video-uploads/{upload_id}", { headers, params: { path: { id: lessonId, upload_id: uploadId } } })).catch(
    (error: unknown) => {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    },
  );
}

/** One part, PUT to its presigned URL; XMLHttpRequest for its upload progress (bytes of this part sent so far). */
function putPart(url: string, bytes: Blob, signal: AbortSignal, onLoaded: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.addEventListener("progress", (event) => onLoaded(event.loaded));
    xhr.addEventListener("load", () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(storageErrorMessage(xhr)))));
    xhr.addEventListener("error", () => reject(new Error("a network failure, or the bucket's CORS rule does not list this page's origin")));
    xhr.addEventListener("abort", () => reject(new Error("cancelled")));
    if (signal.aborted) return reject(new Error("cancelled"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(bytes);
  });
}
