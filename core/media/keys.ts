/**
 * The one S3 key builder. Prefixes are chosen so S3 notification filters (and IAM grants) can select them:
 *   uploads/…          raw browser uploads (expire after 1 day; normalized within seconds)
 *   media/…            everything the API hands out links to:
 *   media/recipes/…    normalized recipe images and checked recipe PDFs (their changes rebuild the course PDF)
 *   media/thumbnails/… normalized course thumbnails
 *   media/videos/…     lesson videos, uploaded straight to where they stay: a video of several GB is never
 *                      copied (CopyObject stops at 5 GB and takes minutes near it); one the pipeline refuses is
 *                      removed
 *   media/pdf/…        consolidated recipe PDFs, one object per revision
 *   media/avatars/…    users' avatars, 256×256 JPEGs
 * Upload ids are ULIDs: they sort by time, so "is this upload newer" is a string comparison.
 */
export const PREFIX = {
  uploads: "uploads/",
  media: "media/",
  recipeImages: "media/recipes/",
  thumbnails: "media/thumbnails/",
  videos: "media/videos/",
  pdfs: "media/pdf/",
  avatars: "media/avatars/",
  // Certificates of completion (issue 17): kept when their course is deleted, so outside the course's prefixes.
  certificates: "media/certificates/",

  // Enrollment imports (core/imports): the copy of the uploaded CSV and its reports, kept 30 days.
  imports: "imports/",
  // Personal data exports (core/exports): one JSON document per request, kept a day.
  exports: "exports/",
  // Search (core/search): the serialized catalog index, one object per build; the pointer item names the current one.
  searchIndex: "search/",
} as const;

/** A prefix by name: what IAM grants are scoped to (core/routes.ts `uses`). */
export type BucketPrefix = keyof typeof PREFIX;

export type UploadKind = "recipe-image" | "recipe-pdf" | "thumbnail" | "avatar" | "video";

export interface UploadTarget {
  kind: UploadKind;
  /** The partition the owner lives in: its course; for an avatar, its user. */
  courseId: string;
  /** The recipe or lesson; the course itself for thumbnails, the user for avatars. */
  ownerId: string;
  uploadId: string;
}

/** Lesson videos by declared type: the file name's extension in the key. */
export const VIDEO_EXTENSIONS = { "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov" } as const;
export type VideoContentType = keyof typeof VIDEO_EXTENSIONS;

/**
 * Where a browser uploads a file. Images go to `uploads/` and are normalized into `media/`; a video goes straight to
 * its final key under `media/videos/` (its extension from the declared type).
 */
export function uploadKey(target: UploadTarget, contentType: string): string {
  if (target.kind === "video") {
    const extension = VIDEO_EXTENSIONS[contentType as VideoContentType];
    if (!extension) throw new Error(`${contentType} is not a video type`);
    return videoKey(target.courseId, target.ownerId, target.uploadId, extension);
  }
  return `${PREFIX.uploads}${target.kind}/${target.courseId}/${target.ownerId}/${target.uploadId}`;
}

const ID = "[0-9A-HJKMNP-TV-Z]{26}";
const UPLOAD_KEY = new RegExp(`^${PREFIX.uploads}(recipe-image|recipe-pdf|thumbnail|avatar)/(${ID})/(${ID})/(${ID})$`);
const VIDEO_KEY = new RegExp(`^${PREFIX.videos}(${ID})/(${ID})/(${ID})\\.(${Object.values(VIDEO_EXTENSIONS).join("|")})$`);

/** The target an upload key names (a raw image, or a video where it landed), or undefined for a key this app never hands out. */
export function parseUploadKey(key: string): UploadTarget | undefined {
  const video = VIDEO_KEY.exec(key);
  if (video) {
    const [, courseId, ownerId, uploadId] = video as unknown as [string, string, string, string];
    return { kind: "video", courseId, ownerId, uploadId };
  }
  const match = UPLOAD_KEY.exec(key);
  if (!match) return undefined;
  const [, kind, courseId, ownerId, uploadId] = match as unknown as [string, UploadKind, string, string, string];
  // A thumbnail's owner is its course, an avatar's its user: the upload routes grant no other key, so another is not ours.
  if ((kind === "thumbnail" || kind === "avatar") && ownerId !== courseId) return undefined;
  return { kind, courseId, ownerId, uploadId };
}

export const recipeImageKey = (courseId: string, recipeId: string, uploadId: string): string =>
  `${PREFIX.recipeImages}${courseId}/${recipeId}/${uploadId}.jpg`;

/**
 * The words OCR read on a recipe photo and their boxes (issue 15), beside the photo they were read from: one object per
 * photo, so a replaced photo's words go with it, and removing the recipe's folder removes them. `.json`: the rebuild's
 * S3 notifications (.jpg/.pdf, core/media/notifications.ts) do not fire for it.
 */
export const recipeOcrWordsKey = (imageKey: string): string => imageKey.replace(/\.jpg$/, ".words.json");

export const recipePdfSourceKey = (courseId: string, recipeId: string, uploadId: string): string =>
  `${PREFIX.recipeImages}${courseId}/${recipeId}/${uploadId}.pdf`;

/**
 * The most a recipe's stored source can weigh, for those who read it back (the rebuild, OCR): a normalized image is
 * a few MB, a checked PDF a clean copy of an upload of at most 50 MB (core/media/uploads.ts). Anything bigger under
 * media/recipes/ is not ours.
 */
export const MAX_STORED_RECIPE_BYTES = { image: 20 * 1024 * 1024, pdf: 60 * 1024 * 1024 } as const;

const RECIPE_IMAGE_KEY = new RegExp(`^${PREFIX.recipeImages}(${ID})/(${ID})/(${ID})\\.(jpg|pdf)$`);

/** The course a recipe's normalized image or checked PDF belongs to (the rebuild groups events by course). */
export function courseOfRecipeImage(key: string): string | undefined {
  return RECIPE_IMAGE_KEY.exec(key)?.[1];
}

export const thumbnailKey = (courseId: string, uploadId: string): string => `${PREFIX.thumbnails}${courseId}/${uploadId}.jpg`;

export const videoKey = (courseId: string, lessonId: string, uploadId: string, extension: string): string =>
  `${PREFIX.videos}${courseId}/${lessonId}/${uploadId}.${extension}`;

export const avatarKey = (userId: string, uploadId: string): string => `${PREFIX.avatars}${userId}/${uploadId}.jpg`;

export const recipePdfKey = (courseId: string, revision: number): string => `${PREFIX.pdfs}${courseId}/recipes-r${revision}.pdf`;

/** Every object of a course lives under one of these prefixes (course deletion removes them). */
export const courseMediaPrefixes = (courseId: string): string[] => [
  `${PREFIX.recipeImages}${courseId}/`,
  `${PREFIX.thumbnails}${courseId}/`,
  `${PREFIX.videos}${courseId}/`,
  `${PREFIX.pdfs}${courseId}/`,
];

/**
 * The key a text lesson's image may show (issue 17): one of its course's own normalized photos (a recipe's or the
 * thumbnail), given as its key; undefined for anything else (another course's file, a raw upload, a video, a PDF).
 */
export function courseImageKey(courseId: string, key: string): string | undefined {
  const recipe = RECIPE_IMAGE_KEY.exec(key);
  if (recipe?.[1] === courseId) return key;
  return THUMBNAIL_KEY.exec(key)?.[1] === courseId ? key : undefined;
}

const THUMBNAIL_KEY = new RegExp(`^${PREFIX.thumbnails}(${ID})/${ID}\\.jpg$`);

/** A certificate's PDF, one per certificate (issue 17): a reissue is a new certificate with a new key. */
export const certificatePdfKey = (userId: string, certificateId: string): string => `${PREFIX.certificates}${userId}/${certificateId}.pdf`;
// Enrollment imports (core/imports): an admin's CSV lands under uploads/ like a photo, and the Uploads consumer hands it
// to its import instead of normalizing it. One key per import.
export const ENROLLMENT_CSV_KIND = "enrollment-csv";
export const enrollmentCsvKey = (importId: string): string => `${PREFIX.uploads}${ENROLLMENT_CSV_KIND}/${importId}`;
const ENROLLMENT_CSV_KEY = new RegExp(`^${PREFIX.uploads}${ENROLLMENT_CSV_KIND}/(${ID})$`);
/** The import an uploaded CSV belongs to, or undefined for any other key. */
export const importOfCsvKey = (key: string): string | undefined => ENROLLMENT_CSV_KEY.exec(key)?.[1];
/** What an import keeps: `source.csv` (the file as checked, which is what is applied) and its reports. */
export const importFileKey = (importId: string, name: string): string => `${PREFIX.imports}${importId}/${name}`;

// Personal data exports (core/exports).
export const personalDataKey = (userId: string, exportId: string): string => `${PREFIX.exports}${userId}/${exportId}.json`;

// Search (core/search): a build's own object (its id keeps two builds of one revision apart until the pointer picks one).
export const searchIndexKey = (revision: number, buildId: string): string => `${PREFIX.searchIndex}index-r${revision}-${buildId}.bin`;
