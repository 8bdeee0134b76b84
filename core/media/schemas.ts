import * as z from "zod";

/** A presigned POST (`PresignedUpload` of core/media/storage.ts): the browser sends the file straight to S3. */
export const PresignedUploadResponse = z
  .object({
    url: z.string().meta({ description: "POST a multipart form here: every entry of `fields`, then the file as `file`." }),
    fields: z.record(z.string(), z.string()),
    key: z.string().meta({ description: "Where the upload lands; processing starts when it does." }),
    max_bytes: z.number().int(),
    expires_at: z.string().meta({ description: "The form is refused after this moment (15 minutes)." }),
  })
  .meta({ id: "PresignedUploadResponse" });

// Lesson videos uploaded in parts (core/media/multipart.ts).
import { Id } from "../ids";
import { ContentType } from "./uploads";
import { VIDEO_MULTIPART_MAX_BYTES } from "./uploads";

export const VideoUploadParams = z.strictObject({ id: Id, upload_id: Id });

export const StartVideoUploadRequest = z.strictObject({
  content_type: ContentType("video"),
  size: z
    .number()
    .int({ error: "must be a whole number of bytes" })
    .min(1, { error: "must be at least 1 byte" })
    .max(VIDEO_MULTIPART_MAX_BYTES, { error: `must be at most ${VIDEO_MULTIPART_MAX_BYTES} bytes (20 GB)` })
    .meta({ description: "The file's exact size in bytes: completion checks the parts add up to it." }),
  filename: z.string().max(255, { error: "must be at most 255 characters" }).optional(),
});

export const VideoUploadResponse = z
  .object({
    upload_id: z.string(),
    key: z.string().meta({ description: "Where the video lands once completed; the probe then sets the lesson's video_status." }),
    content_type: z.string(),
    size: z.number().int(),
    part_size: z.number().int().meta({ description: "Every part but the last holds exactly this many bytes (8–64 MiB); part n starts at (n − 1) × part_size." }),
    part_count: z.number().int(),
    received: z.array(z.object({ n: z.number().int(), size: z.number().int(), etag: z.string() })).meta({ description: "The parts S3 already holds." }),
    received_bytes: z.number().int(),
    parts: z
      .array(z.object({ n: z.number().int(), url: z.string() }))
      .meta({ description: "A presigned PUT for every part still missing: send the part's bytes as the body. GET the upload again for fresh URLs." }),
    expires_at: z.string().meta({ description: "The part URLs are refused after this moment (1 hour)." }),
  })
  .meta({ id: "VideoUploadResponse" });

export const CompletedVideoUploadResponse = z
  .object({ upload_id: z.string(), key: z.string(), size: z.number().int() })
  .meta({ id: "CompletedVideoUploadResponse", description: "The video is assembled; the lesson's video_status turns ready (or rejected, with video_error) once it is probed." });
