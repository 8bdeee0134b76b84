import * as Users from "../core/users/users";
import { CreateUserRequest } from "../core/users/schemas";

/**
 * Creates an admin through the same use case as `POST /api/users`, validated by the same schema.
 * Imported only after `applyBindings()`.
 */
export async function createAdmin(input: { email: string; password: string; fullName: string }): Promise<Users.UserRecord> {
  const request = CreateUserRequest.parse({ email: input.email, password: input.password, full_name: input.fullName, role: "ADMIN" });
  return Users.create(request);
}

/** The dev runtime's first admin: created only when the table has no admin at all. */
export async function ensureFirstAdmin(input: { email: string; password: string }): Promise<"created" | "exists"> {
  if (await Users.anyAdminExists()) return "exists";
  await createAdmin({ ...input, fullName: "Dev Admin" });
  return "created";
}
