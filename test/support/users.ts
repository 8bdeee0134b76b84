import { createAdmin } from "../../dev/admin";
import * as Users from "../../core/users/users";
import { CreateUserRequest } from "../../core/users/schemas";
import type { TestApi } from "./api";

let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A user written straight through the use case (fast), with a unique email. */
export async function givenUser(role: "ADMIN" | "USER" = "USER", overrides: { password?: string } = {}): Promise<TestUser> {
  counter += 1;
  const email = `${role.toLowerCase()}${counter}-${Date.now()}@example.com`;
  const password = overrides.password ?? `correct horse battery ${counter}`;
  const user =
    role === "ADMIN"
      ? await createAdmin({ email, password, fullName: `Admin ${counter}` })
      : await Users.create(CreateUserRequest.parse({ email, password, full_name: `Student ${counter}` }));
  return { id: user.user_id, email, password };
}

export interface Session {
  access_token: string;
  refresh_token: string;
}

/** Signs in over HTTP and fails the test if that does not work. */
export async function signIn(api: TestApi, user: { email: string; password: string }): Promise<Session> {
  const response = await api.request<Session>("POST", "/api/auth/login", { body: { email: user.email, password: user.password } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
