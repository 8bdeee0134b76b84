import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * A lesson video being uploaded in parts (core/media/multipart.ts): what the S3 multipart upload is for, so that the
 * routes that continue it can check it is this lesson's and this admin's, and what completion checks (the declared
 * size). Its own partition, read by id (GetItem). Removed when the upload completes or is aborted; TTL after 2 days
 * otherwise (the bucket aborts an incomplete upload 1 day after it began).
 */
export const VideoUploadEntity = new Entity({
  model: { entity: "video_upload", version: "1", service: SERVICE },
  attributes: {
    /** Ours (a ULID): the id in the video's key and in the API's paths. */
    upload_id: { type: "string", required: true, readOnly: true },
    /** S3's UploadId, never shown: the API names the upload by its own id. */
    s3_upload_id: { type: "string", required: true, readOnly: true },
    lesson_id: { type: "string", required: true, readOnly: true },
    course_id: { type: "string", required: true, readOnly: true },
    key: { type: "string", required: true, readOnly: true },
    content_type: { type: "string", required: true, readOnly: true },
    size: { type: "number", required: true, readOnly: true },
    part_size: { type: "number", required: true, readOnly: true },
    created_by: { type: "string", required: true, readOnly: true },
    created_at: { type: "string", required: true, readOnly: true },
    expires_at_epoch: { type: "number", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["upload_id"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
