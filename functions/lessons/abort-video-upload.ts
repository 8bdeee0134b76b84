import { http, noContent } from "../../core/http/handler";
import * as Multipart from "../../core/media/multipart";
import { VideoUploadParams } from "../../core/media/schemas";

export const handler = http("DELETE /api/lessons/{id}/video-uploads/{upload_id}", {
  params: VideoUploadParams,
  run: async ({ caller, params }) => {
    await Multipart.abort(params.id, params.upload_id, caller.id);
    return noContent();
  },
});
