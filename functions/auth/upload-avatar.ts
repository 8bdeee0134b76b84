import { http, ok } from "../../core/http/handler";
import { PresignedUploadResponse } from "../../core/media/schemas";
import * as Uploads from "../../core/media/uploads";

export const handler = http("POST /api/auth/me/upload-avatar", {
  body: Uploads.UploadRequest("avatar"),
  response: PresignedUploadResponse,
  run: async ({ caller, body }) => ok(await Uploads.presignAvatar(caller.id, body.content_type)),
});
