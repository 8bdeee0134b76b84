import * as Courses from "../../core/courses/courses";
import { CourseResponse, SetWhatsappGroupRequest } from "../../core/courses/schemas";
import { toCourseResponse } from "../../core/courses/views";
import { http, ok } from "../../core/http/handler";
import { IdParams } from "../../core/http/params";

export const handler = http("PUT /api/courses/{id}/whatsapp-group", {
  params: IdParams,
  body: SetWhatsappGroupRequest,
  response: CourseResponse,
  run: async ({ params, body }) => ok(await toCourseResponse(await Courses.setWhatsappGroup(params.id, body.whatsapp_group_url), true)),
});
