import { z } from "zod";
import { Email, Password, UserResponse } from "../users/schemas";

export const LoginRequest = z.strictObject({
  email: Email,
  // Any length is accepted at sign-in: a too-short password is simply wrong, not a validation error that
  // would tell an attacker about the rules.
  password: z.string().min(1, { error: "must not be empty" }).max(1024, { error: "is too long" }),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

const RefreshTokenField = z.string().min(1, { error: "must not be empty" }).max(512, { error: "is too long" });

export const RefreshRequest = z.strictObject({ refresh_token: RefreshTokenField });
export const LogoutRequest = z.strictObject({ refresh_token: RefreshTokenField });

export const ChangePasswordRequest = z
  .strictObject({
    current_password: z.string().min(1, { error: "must not be empty" }).max(1024, { error: "is too long" }),
    new_password: Password,
    confirm_password: z.string(),
  })
  .refine((body) => body.confirm_password === body.new_password, {
    path: ["confirm_password"],
    error: "must be the same as new_password",
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TokenPairResponse = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  user: UserResponse,
});
