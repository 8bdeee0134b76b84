import * as z from "zod";
import { CourseResponse } from "../courses/schemas";
import { changesOf } from "../http/fields";
import { Id } from "../ids";
import { pageOf } from "../openapi/schemas";
import { QueryBoolean } from "../http/query";
import { Instant, UserResponse } from "../users/schemas";

/** The spec's EnrollmentCreate. Without `expires_at` (or with null) the enrollment has no end. */
export const CreateEnrollmentRequest = z.strictObject({
  user_id: Id,
  course_id: Id,
  expires_at: Instant.nullable().optional().meta({ description: "When access ends: a moment in the future (an earlier one is a 400). Absent or null: no end." }),
}).meta({ id: "CreateEnrollmentRequest" });
export type CreateEnrollmentRequest = z.infer<typeof CreateEnrollmentRequest>;

/** The spec's EnrollmentUpdate. `expires_at` at or before now ends access at once; `null` removes the end. */
export const UpdateEnrollmentRequest = changesOf({
  expires_at: Instant.nullable().optional(),
  is_active: z.boolean().optional(),
}).meta({ id: "UpdateEnrollmentRequest" });
export type UpdateEnrollmentRequest = z.infer<typeof UpdateEnrollmentRequest>;

/** Filters of `GET /api/enrollments`; `active` means "opens the course right now" (switched on and not expired). */
export const EnrollmentListFilters = {
  user_id: Id.optional(),
  course_id: Id.optional(),
  active: QueryBoolean.optional(),
};

export const EnrollmentResponse = z.object({
  id: z.string(),
  user_id: z.string(),
  course_id: z.string(),
  enrolled_at: z.string(),
  expires_at: z.string().nullable(),
  is_active: z.boolean(),
  granted_by: z.string(),
  user: UserResponse,
  course: CourseResponse,
}).meta({ id: "EnrollmentResponse" });
export type EnrollmentResponse = z.infer<typeof EnrollmentResponse>;

export const EnrollmentListResponse = pageOf(EnrollmentResponse).meta({ id: "EnrollmentListResponse" });
