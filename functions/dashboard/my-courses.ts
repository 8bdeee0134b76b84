import * as Dashboard from "../../core/dashboard/dashboard";
import { MyCoursesResponse } from "../../core/dashboard/schemas";
import { http, ok } from "../../core/http/handler";

export const handler = http("GET /api/dashboard/my-courses", {
  response: MyCoursesResponse,
  run: async ({ caller }) => ok(await Dashboard.myCourses(caller)),
});
