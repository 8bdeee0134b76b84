import * as z from "zod";
import { changesOf } from "../http/fields";
import { Id } from "../ids";
import { pageOf } from "../openapi/schemas";
import { QueryBoolean } from "../http/query";
import { Instant, UserResponse } from "../users/schemas";

export const Notes = z.string().trim().max(2000, { error: "must be at most 2000 characters" });

/** The spec's MembershipCreate; `end_date` is exclusive and must come after `start_date` (spec 9.3). */
export const CreateMembershipRequest = z
  .strictObject({
    user_id: Id,
    start_date: Instant,
    end_date: Instant,
    notes: Notes.nullable().optional(),
  })
  .refine((body) => Date.parse(body.end_date) > Date.parse(body.start_date), {
    path: ["end_date"],
    error: "must be after start_date",
    // Only two valid dates can be compared; an invalid one already has its own error, and so has a body that is
    // not an object at all (an issue at the root; comparing its fields would throw).
    when: ({ issues }) => !issues.some((issue) => (issue.path?.length ?? 0) === 0 || issue.path?.[0] === "start_date" || issue.path?.[0] === "end_date"),
  })
  .meta({ id: "CreateMembershipRequest", description: "`end_date` (exclusive) must come after `start_date`, or the request is a 400." });
export type CreateMembershipRequest = z.infer<typeof CreateMembershipRequest>;

/** Extends, shortens or switches a membership; `notes: null` clears the notes. */
export const UpdateMembershipRequest = changesOf({
  start_date: Instant.optional(),
  end_date: Instant.optional(),
  is_active: z.boolean().optional(),
  notes: Notes.nullable().optional(),
}).meta({
  id: "UpdateMembershipRequest",
  description: "The membership must still end after it starts, the dates left out being the stored ones, or the request is a 400.",
});
export type UpdateMembershipRequest = z.infer<typeof UpdateMembershipRequest>;

/** Filters of `GET /api/memberships`; `active` means "opens every course right now". */
export const MembershipListFilters = {
  user_id: Id.optional(),
  active: QueryBoolean.optional(),
};

export const MembershipResponse = z.object({
  id: z.string(),
  user_id: z.string(),
  membership_type: z.enum(["FULL_ACCESS"]),
  start_date: z.string(),
  end_date: z.string(),
  is_active: z.boolean(),
  granted_by: z.string(),
  notes: z.string().nullable(),
  created_at: z.string(),
  user: UserResponse,
}).meta({ id: "MembershipResponse" });
export type MembershipResponse = z.infer<typeof MembershipResponse>;

export const MembershipListResponse = pageOf(MembershipResponse).meta({ id: "MembershipListResponse" });
