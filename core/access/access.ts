import type { EntityItem } from "electrodb";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import type { EnrollmentEntity } from "../db/entities/enrollment";
import type { MembershipEntity } from "../db/entities/membership";
import { db } from "../db/service";

export type EnrollmentRecord = EntityItem<typeof EnrollmentEntity>;
export type MembershipRecord = EntityItem<typeof MembershipEntity>;

/** Everything that can open a course to a user: their enrollments and memberships. */
export interface Grants {
  enrollments: EnrollmentRecord[];
  memberships: MembershipRecord[];
}

/** How a caller reaches a course's content, and until when (`null` = no end). */
export type CourseAccess =
  | { granted: true; via: "admin" | "membership" | "enrollment"; ends_at: string | null }
  | { granted: false; via: null; ends_at: null };

const DENIED: CourseAccess = { granted: false, via: null, ends_at: null };

/** A user's grants: one Query of their partition (collection `userAccess`). */
export async function grantsOf(userId: string): Promise<Grants> {
  const { data } = await db().collections.userAccess({ user_id: userId }).go({ pages: "all" });
  return { enrollments: data.enrollment, memberships: data.membership };
}

/** Active: switched on, started (`start_date <= now`) and not yet ended (`now < end_date`). */
export function isMembershipActive(membership: MembershipRecord, now: Date = clock.now()): boolean {
  return membership.is_active && new Date(membership.start_date) <= now && now < new Date(membership.end_date);
}

/** Active: switched on and, when it expires, not yet expired (`now < expires_at`). */
export function isEnrollmentActive(enrollment: EnrollmentRecord, now: Date = clock.now()): boolean {
  return enrollment.is_active && (enrollment.expires_at === undefined || now < new Date(enrollment.expires_at));
}

/** The membership that lasts longest among the active ones (it decides when access ends). */
export function activeMembership(grants: Grants, now: Date = clock.now()): MembershipRecord | undefined {
  return grants.memberships
    .filter((membership) => isMembershipActive(membership, now))
    .sort((a, b) => b.end_date.localeCompare(a.end_date))[0];
}

/**
 * THE access rule (DESIGN.md): an admin reaches everything. Anyone else (already known to be active: the
 * auth check refuses deactivated users) reaches a course through an active membership or an active enrollment
 * in that course. Whether the course itself is live and active is the caller's concern.
 */
export function accessTo(courseId: string, caller: Caller, grants: Grants, now: Date = clock.now()): CourseAccess {
  if (caller.isAdmin) return { granted: true, via: "admin", ends_at: null };
  const membership = activeMembership(grants, now);
  if (membership) return { granted: true, via: "membership", ends_at: membership.end_date };
  const enrollment = grants.enrollments.find((candidate) => candidate.course_id === courseId && isEnrollmentActive(candidate, now));
  if (enrollment) return { granted: true, via: "enrollment", ends_at: enrollment.expires_at ?? null };
  return DENIED;
}

/** The caller's access to one course: free for admins, one Query for everyone else. */
export async function check(courseId: string, caller: Caller): Promise<CourseAccess> {
  if (caller.isAdmin) return accessTo(courseId, caller, { enrollments: [], memberships: [] });
  return accessTo(courseId, caller, await grantsOf(caller.id));
}
