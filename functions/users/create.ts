import { http, created } from "../../core/http/handler";
import { CreateUserRequest, UserResponse } from "../../core/users/schemas";
import * as Users from "../../core/users/users";

export const handler = http("POST /api/users", {
  body: CreateUserRequest,
  response: UserResponse,
  status: 201,
  errors: [409],
  run: async ({ body }) => created(await Users.toResponse(await Users.create(body))),
});
