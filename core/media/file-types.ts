/**
 * The file types each upload accepts, by declared type with the file-name extensions that mean it: the one list the
 * API's schemas (core/media/uploads.ts) and the admin console (its file pickers, and the type it declares) share, so
 * the two cannot disagree. The declared type only shapes the upload's policy; the pipeline reads the real bytes.
 * No imports: the console bundles this file.
 */
export const FILE_TYPES = {
  image: {
    "image/jpeg": [".jpg", ".jpeg"],
    "image/png": [".png"],
    "image/webp": [".webp"],
    "image/heic": [".heic"],
    "image/heif": [".heif", ".hif"],
    "image/tiff": [".tif", ".tiff"],
  },
  video: { "video/mp4": [".mp4", ".m4v"], "video/webm": [".webm"], "video/quicktime": [".mov"] },
  pdf: { "application/pdf": [".pdf"] },
  // Enrollment imports (core/imports). Excel on Windows declares a CSV as application/vnd.ms-excel; the import reads
  // the text itself.
  csv: { "text/csv": [".csv"], "application/vnd.ms-excel": [], "text/plain": [".txt"] },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type FileFamily = keyof typeof FILE_TYPES;

/** In words, for the sentence that refuses anything else. */
export const FILE_TYPE_NAMES: Record<FileFamily, string> = { image: "a JPEG, PNG, WebP, HEIC or TIFF image", video: "an MP4, MOV or WebM video", pdf: "a PDF", csv: "a CSV file (UTF-8)" };

export const contentTypesOf = (family: FileFamily): string[] => Object.keys(FILE_TYPES[family]);

/** A file input's `accept`: the types and the extensions (browsers know no type for .heic on most systems). */
export const acceptAttribute = (family: FileFamily): string => Object.entries(FILE_TYPES[family]).flat(2).join(",");

/**
 * The type to declare for a picked file: the browser's when it is one we accept, else the one its extension names
 * (Chrome and Firefox give a HEIC "" on Windows and Linux), else the browser's, which the API then refuses in words.
 */
export function declaredType(family: FileFamily, file: { name: string; type: string }): string {
  const types = FILE_TYPES[family] as Record<string, readonly string[]>;
  if (file.type in types) return file.type;
  const name = file.name.toLowerCase();
  const byExtension = Object.entries(types).find(([, extensions]) => extensions.some((extension) => name.endsWith(extension)));
  return byExtension?.[0] ?? file.type;
}
