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
