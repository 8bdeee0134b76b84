import * as z from "zod";
import { ROLES } from "../db/entities/user";
import { NonBlankText, changesOf } from "../http/fields";
import { QueryBoolean } from "../http/query";
import { pageOf } from "../openapi/schemas";

/** Field rules shared by every request that carries them (the spec's 9.3). */
export const Email = z
  .email({ error: "must be a valid email address" })
  .max(254, { error: "must be at most 254 characters" })
  .transform((email) => email.toLowerCase());

export const Password = z
  .string()
  .min(8, { error: "must be at least 8 characters" })
  .max(128, { error: "must be at most 128 characters" });

export const FullName = NonBlankText().max(120, { error: "must be at most 120 characters" });

export const Username = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,30}$/, { error: "must be 3 to 30 letters, digits, '.', '_' or '-'" });

// The pattern states "https only" in the document, where `format: uri` alone would allow any scheme; zod drops the
// format of a URL that has a pattern, so the format is named again.
export const AvatarUrl = z
  .url({ protocol: /^https$/, error: "must be an https URL" })
  .regex(/^https:\/\//, { error: "must be an https URL" })
  .max(2048, { error: "must be at most 2048 characters" })
  .meta({ format: "uri" });

export const Role = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

export const CreateUserRequest = z.strictObject({
  email: Email,
  password: Password,
  full_name: FullName,
  username: Username.optional(),
  role: Role.default("USER"),
}).meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** `null` clears an optional field; an absent field stays as it is. */
const ProfileFields = {
  full_name: FullName.optional(),
  username: Username.nullable().optional(),
  avatar_url: AvatarUrl.nullable().optional(),
};

export const UpdateProfileRequest = changesOf(ProfileFields).meta({ id: "UpdateProfileRequest" });
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** The spec's UserUpdate, for admins: the profile plus `is_active` (false deactivates, true reactivates). No role changes. */
export const UpdateUserRequest = changesOf({ ...ProfileFields, is_active: z.boolean().optional() }).meta({ id: "UpdateUserRequest" });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/**
 * A moment in a request: ISO 8601 with its offset (`2025-03-01T10:00:00-03:00` or `…Z`), so nobody's local time
 * is guessed. Stored and answered in UTC (`2025-03-01T13:00:00.000Z`), which also makes stored values sort as text.
 */
export const Instant = z
  .iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone, like 2025-03-01T10:00:00-03:00" })
  .transform((value) => new Date(value).toISOString());

/** Filters of the admin's user list (`GET /api/users`). */
export const UserListFilters = {
  role: Role.optional(),
  is_active: QueryBoolean.optional(),
  /** An email prefix. */
  q: NonBlankText().max(254, { error: "must be at most 254 characters" }).transform((q) => q.toLowerCase()).optional(),
};

/** What the API shows of a user (never the password hash or the token version). */
export const UserResponse = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string().nullable(),
  full_name: z.string(),
  role: Role,
  is_active: z.boolean(),
  avatar_url: z.string().nullable().meta({ description: "The uploaded avatar as a presigned GET (15 minutes), else the address set in the profile." }),
  avatar_status: z.enum(["none", "pending", "ready", "rejected"]).meta({ description: "The latest avatar upload (`POST /api/auth/me/upload-avatar`)." }),
  avatar_error: z.string().nullable().meta({ description: "Why the last avatar upload was refused, in words a person understands." }),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: "UserResponse" });
export type UserResponse = z.infer<typeof UserResponse>;

export const UserListResponse = pageOf(UserResponse).meta({ id: "UserListResponse" });
