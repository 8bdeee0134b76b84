import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { PresignedUploadResponse } from "../../core/media/schemas";
import * as Uploads from "../../core/media/uploads";

export const handler = http("POST /api/courses/{id}/upload-thumbnail", {
  params: IdParams,
  body: Uploads.UploadRequest("thumbnail"),
  response: PresignedUploadResponse,
  run: async ({ params, body }) => ok(await Uploads.presignThumbnail(params.id, body.content_type)),
});
