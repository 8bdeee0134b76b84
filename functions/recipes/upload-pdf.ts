import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import { PresignedUploadResponse } from "../../core/media/schemas";
import * as Uploads from "../../core/media/uploads";

export const handler = http("POST /api/recipes/{id}/upload-pdf", {
  params: IdParams,
  body: Uploads.UploadRequest("recipe-pdf"),
  response: PresignedUploadResponse,
  run: async ({ params, body }) => ok(await Uploads.presignRecipePdf(params.id, body.content_type)),
});
