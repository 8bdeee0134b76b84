import { http, ok } from "../../core/http/handler";
import * as Paths from "../../core/paths/paths";
import { PathList } from "../../core/paths/schemas";

export const handler = http("GET /api/paths", {
  response: PathList,
  run: async ({ caller }) => ok(await Paths.list(caller)),
});
