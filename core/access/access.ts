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

/**
 * How a caller reaches a course's content, until when (`null` = no end), and since when (`since`: what drip release
 * counts from, see `accessSince`; null for admins).
 */
export type CourseAccess =
  | { granted: true; via: "admin" | "membership" | "enrollment"; ends_at: string | null; since: string | null }
  | { granted: false; via: null; ends_at: null; since: null };

const DENIED: CourseAccess = { granted: false, via: null, ends_at: null, since: null };

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
  if (caller.isAdmin) return { granted: true, via: "admin", ends_at: null, since: null };
  const since = accessSince(courseId, grants, now);
  const membership = activeMembership(grants, now);
  if (membership) return { granted: true, via: "membership", ends_at: membership.end_date, since };
  const enrollment = grants.enrollments.find((candidate) => candidate.course_id === courseId && isEnrollmentActive(candidate, now));
  if (enrollment) return { granted: true, via: "enrollment", ends_at: enrollment.expires_at ?? null, since };
  return DENIED;
}

/** The caller's access to one course: free for admins, one Query for everyone else. */
export async function check(courseId: string, caller: Caller): Promise<CourseAccess> {
  if (caller.isAdmin) return accessTo(courseId, caller, { enrollments: [], memberships: [] });
  return accessTo(courseId, caller, await grantsOf(caller.id));
}

// --- Drip release (issue 17) ---------------------------------------------------------------------------------------

/**
 * When the caller's access to a course began, for drip release: the earliest start among their switched-on grants
 * that reach the course and have started, the enrollment's `enrolled_at` or a membership's `start_date`, whichever
 * opened it first. Grants that have since expired count too: access that lapsed and came back (a renewed membership)
 * does not replay the drip. Null when no grant reaches the course.
 */
export function accessSince(courseId: string, grants: Grants, now: Date = clock.now()): string | null {
  const starts = [
    ...grants.enrollments.filter((enrollment) => enrollment.course_id === courseId && enrollment.is_active).map((enrollment) => enrollment.enrolled_at),
    ...grants.memberships.filter((membership) => membership.is_active).map((membership) => membership.start_date),
  ].filter((start) => new Date(start) <= now);
  return starts.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/** What a lesson says about its release: a fixed instant, or a number of days after the caller's access began. */
export interface LessonReleaseRule {
  is_preview: boolean;
  available_at?: string;
  available_after_days?: number;
}

/** Whether a lesson is still locked for the caller, and when it opens for them (null: no rule, or opens per student). */
export interface LessonRelease {
  locked: boolean;
  available_at: string | null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * THE drip rule: a lesson with `available_at` opens at that instant; one with `available_after_days` opens that many
 * days after the caller's access to its course began (`access.since`). Until then it is locked for a student: its
 * title shows, its content (video URL, text) does not, and no progress is recorded for it. Admins see everything and
 * preview lessons are never locked. For an admin, `available_at` is the fixed instant when the lesson has one (a
 * relative rule differs per student). The search over lessons must ask this too, never decide on its own.
 */
export function lessonRelease(lesson: LessonReleaseRule, caller: Caller, access: CourseAccess, now: Date = clock.now()): LessonRelease {
  if (caller.isAdmin) return { locked: false, available_at: lesson.available_at ?? null };
  if (lesson.is_preview) return { locked: false, available_at: null };
  const opensAt = lesson.available_at
    ? new Date(lesson.available_at)
    : lesson.available_after_days !== undefined && access.since !== null
      ? new Date(Date.parse(access.since) + lesson.available_after_days * DAY_MS)
      : undefined;
  if (!opensAt) {
    // A relative rule with no start to count from (no grant reaches the course) keeps the lesson closed.
    return { locked: lesson.available_after_days !== undefined, available_at: null };
  }
  return { locked: now < opensAt, available_at: opensAt.toISOString() };
}
