import { clock } from "../clock";
import { db } from "../db/service";
import { ENDING_THRESHOLDS_DAYS, type EndingThreshold } from "./kinds";
import { enqueue, type NotificationRequest } from "./requests";

/**
 * The daily access-ending notices: enrollments and memberships that end 7 days and 1 day from now, found through
 * gsi3 (one partition per UTC day of the end, never a Scan), each told once per threshold.
 *
 * A run covers fixed windows counted from its scheduled time (the day's `hourUtc:minute`, the latest one at or
 * before now), not from the moment it happens to start: runs of consecutive days tile the time line exactly, so an
 * end is in exactly one run's 7-day window and one run's 1-day window, however late each run starts. A run again
 * (the schedule's retry, `npm run notify:expiring`) asks for the same notices again; their event keys are the same,
 * so nobody is told twice (core/notifications/outbox.ts).
 *
 *   7 days: ends in (T + 6 days, T + 7 days]      1 day: ends in (T, T + 1 day]      T: the run's scheduled time
 *
 * An end that was moved past a window is not in it any more; an end within a day at the time access is granted gets
 * only the 1-day notice. The sender checks again when it sends: the end unchanged, access not ended, no other grant
 * that goes on.
 */
export interface DailySchedule {
  hourUtc: number;
  minute: number;
}

const DAY_MS = 86_400_000;

/** The latest scheduled time at or before `now`. */
export function scheduledTimeOf(now: Date, schedule: DailySchedule): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), schedule.hourUtc, schedule.minute);
  return new Date(today <= now.getTime() ? today : today - DAY_MS);
}

/** The UTC days (`YYYY-MM-DD`) a window (from, to] touches: gsi3's partitions to read. */
function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); day <= to.getTime(); day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

export interface ExpiryRun {
  scheduledAt: string;
  /** Notices asked for (before the sender's checks), per threshold. */
  requested: Record<`${EndingThreshold}d`, number>;
  /** gsi3 Queries made (one per day partition, entity and threshold, plus further pages). */
  queries: number;
}

export async function requestEndingNotices(schedule: DailySchedule, now: Date = clock.now()): Promise<ExpiryRun> {
  const scheduled = scheduledTimeOf(now, schedule);
  const run: ExpiryRun = { scheduledAt: scheduled.toISOString(), requested: { "7d": 0, "1d": 0 }, queries: 0 };
  for (const days of ENDING_THRESHOLDS_DAYS) {
    const from = new Date(scheduled.getTime() + (days - 1) * DAY_MS);
    const to = new Date(scheduled.getTime() + days * DAY_MS);
    // Ended already (a run that starts late): nothing to warn about.
    const after = new Date(Math.max(from.getTime(), now.getTime()));
    const inWindow = (end: string) => end > after.toISOString() && end <= to.toISOString();
    const requests: NotificationRequest[] = [];
    for (const day of daysOf(from, to)) {
      const [enrollments, memberships] = await Promise.all([
        db().entities.enrollment.query.byEnd({ expires_day: day }).between({ expires_at: from.toISOString() }, { expires_at: to.toISOString() }).go({ pages: "all" }),
        db().entities.membership.query.byEnd({ end_day: day }).between({ end_date: from.toISOString() }, { end_date: to.toISOString() }).go({ pages: "all" }),
      ]);
      run.queries += 2;
      for (const enrollment of enrollments.data) {
        if (!enrollment.is_active || !enrollment.expires_at || !inWindow(enrollment.expires_at)) continue;
        requests.push(notice(`enrollment:${enrollment.enrollment_id}`, enrollment.user_id, enrollment.expires_at, days, { type: "enrollment", course_id: enrollment.course_id }));
      }
      for (const membership of memberships.data) {
        if (!membership.is_active || !inWindow(membership.end_date)) continue;
        requests.push(notice(`membership:${membership.membership_id}`, membership.user_id, membership.end_date, days, { type: "membership", membership_id: membership.membership_id }));
      }
    }
    await enqueue(requests);
    run.requested[`${days}d`] = requests.length;
  }
  return run;
}

function notice(grantKey: string, userId: string, endsAt: string, days: EndingThreshold, grant: NotificationRequest["grant"]): NotificationRequest {
  return {
    event_key: `${grantKey}:ending:${endsAt}:${days}d`,
    user_id: userId,
    kind: "access_ending",
    // The threshold's own moment, the same on every run: the in-app notification's time and, with the key, its id.
    occurred_at: new Date(Date.parse(endsAt) - days * DAY_MS).toISOString(),
    grant,
    ending: { ends_at: endsAt, days },
  };
}
