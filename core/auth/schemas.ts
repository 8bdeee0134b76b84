import * as z from "zod";
import { Email, Password, UserResponse } from "../users/schemas";

export const LoginRequest = z.strictObject({
  email: Email,
  // Any length is accepted at sign-in: a too-short password is simply wrong, not a validation error that
  // would tell an attacker about the rules.
  password: z.string().min(1, { error: "must not be empty" }).max(1024, { error: "is too long" }),
}).meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof LoginRequest>;

const RefreshTokenField = z.string().min(1, { error: "must not be empty" }).max(512, { error: "is too long" });

export const RefreshRequest = z.strictObject({ refresh_token: RefreshTokenField }).meta({ id: "RefreshRequest" });
export const LogoutRequest = z.strictObject({ refresh_token: RefreshTokenField }).meta({ id: "LogoutRequest" });

export const ChangePasswordRequest = z
  .strictObject({
    current_password: z.string().min(1, { error: "must not be empty" }).max(1024, { error: "is too long" }),
    new_password: Password,
    confirm_password: z.string(),
  })
  .refine((body) => body.confirm_password === body.new_password, {
    path: ["confirm_password"],
    error: "must be the same as new_password",
  })
  .meta({
    id: "ChangePasswordRequest",
    description:
      "`confirm_password` must equal `new_password`, and `current_password` must be the account's (a wrong one is a 400 and counts as a failed sign-in: 5 for the account or 50 from an address in 15 minutes are a 429).",
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** A new session (`TokenPair` of core/auth/sessions.ts). */
export const TokenPairResponse = z.object({
  access_token: z.string().meta({ description: "An ES256 JWT: send it as `Authorization: Bearer <token>`." }),
  refresh_token: z.string().meta({ description: "Opaque; good for one `POST /api/auth/refresh` within 30 days." }),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().meta({ description: "Seconds the access token is valid." }),
  user: UserResponse,
}).meta({ id: "TokenPairResponse" });

/** `GET /.well-known/jwks.json`: only the public members of each key (`Jwks` of core/auth/keys.ts). */
export const JwksResponse = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal("EC"),
        crv: z.literal("P-256"),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.literal("ES256"),
        use: z.literal("sig"),
      }),
    ),
  })
  .meta({ id: "JwksResponse", description: "RFC 7517 JSON Web Key Set." });
