import { http, ok } from "../../core/http/handler";
import * as Multipart from "../../core/media/multipart";
import { VideoUploadParams, VideoUploadResponse } from "../../core/media/schemas";

export const handler = http("GET /api/lessons/{id}/video-uploads/{upload_id}", {
  params: VideoUploadParams,
  response: VideoUploadResponse,
  run: async ({ caller, params }) => ok(await Multipart.status(params.id, params.upload_id, caller.id)),
});
