import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Uploads from "../../core/media/uploads";

export const handler = http("POST /api/courses/{id}/upload-thumbnail", {
  params: IdParams,
  body: Uploads.UploadRequest("thumbnail"),
  run: async ({ params, body }) => ok(await Uploads.presignThumbnail(params.id, body.content_type)),
});
