import { http, created } from "../../core/http/handler";
import { CreateUserRequest } from "../../core/users/schemas";
import * as Users from "../../core/users/users";

export const handler = http("POST /api/users", {
  body: CreateUserRequest,
  run: async ({ body }) => created(Users.toResponse(await Users.create(body))),
});
