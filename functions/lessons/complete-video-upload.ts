import { http } from "../../core/http/handler";
import * as Multipart from "../../core/media/multipart";
import { CompletedVideoUploadResponse, VideoUploadParams } from "../../core/media/schemas";

export const handler = http("POST /api/lessons/{id}/video-uploads/{upload_id}/complete", {
  params: VideoUploadParams,
  response: CompletedVideoUploadResponse,
  // 202: the video is in S3; the Uploads queue probes it and sets the lesson's video_status.
  status: 202,
  errors: [409],
  run: async ({ caller, params }) => ({ status: 202, body: await Multipart.complete(params.id, params.upload_id, caller.id) }),
});
