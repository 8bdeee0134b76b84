import { created, http } from "../../core/http/handler";
import * as Paths from "../../core/paths/paths";
import { CreatePathRequest, PathResponse } from "../../core/paths/schemas";

export const handler = http("POST /api/paths", {
  body: CreatePathRequest,
  response: PathResponse,
  status: 201,
  run: async ({ caller, body }) => created(await Paths.create(caller, body)),
});
