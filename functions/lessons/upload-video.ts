import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { PresignedUploadResponse } from "../../core/media/schemas";
import * as Uploads from "../../core/media/uploads";

export const handler = http("POST /api/lessons/{id}/upload-video", {
  params: IdParams,
  body: Uploads.UploadRequest("video"),
  response: PresignedUploadResponse,
  errors: [409],
  run: async ({ params, body }) => ok(await Uploads.presignVideo(params.id, body.content_type)),
});
