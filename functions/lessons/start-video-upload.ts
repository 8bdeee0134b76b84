import { created, http } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";
import * as Multipart from "../../core/media/multipart";
import { StartVideoUploadRequest, VideoUploadResponse } from "../../core/media/schemas";

export const handler = http("POST /api/lessons/{id}/video-uploads", {
  params: IdParams,
  body: StartVideoUploadRequest,
  response: VideoUploadResponse,
  status: 201,
  errors: [409],
  run: async ({ caller, params, body }) => created(await Multipart.start(params.id, caller.id, body)),
});
