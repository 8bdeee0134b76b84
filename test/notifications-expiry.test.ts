import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { scheduledJobs } from "../core/consumers";
import { db } from "../core/db/service";
import { scheduledTimeOf, type ExpiryRun } from "../core/notifications/expiring";
import type { ReceivedMail } from "../dev/mail";
import { useTestApi } from "./support/api";
import { mailbox, workers } from "./support/runtime";
import { givenUser, signIn, type TestUser } from "./support/users";

/**
 * The daily access-ending job (core/notifications/expiring.ts) with the injectable clock: it is run as its schedule
 * would run it (workers().runJob), at chosen moments, and its notices go the whole way to the local SMTP server.
 */
const api = useTestApi();
let admin: string;
const job = scheduledJobs.find((row) => row.name === "AccessEnding")!;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const realNow = clock.now;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

afterEach(() => {
  clock.now = realNow;
});

const endingMails = (user: TestUser): string[] =>
  mailbox()
    .messages()
    .filter((mail: ReceivedMail) => mail.envelope.to.includes(user.email) && / termina /.test(mail.subject))
    .map((mail) => mail.subject);

/** The job, run as its schedule runs it, at `at`; resolves once every notice it asked for is handled. */
async function runAt(at: Date): Promise<ExpiryRun> {
  clock.now = () => at;
  const run = (await workers().runJob(job.name)) as ExpiryRun;
  await workers().settle();
  clock.now = realNow;
  return run;
}

describe("access-ending notices", () => {
  it("at 7 days and at 1 day, once each; none for an end moved past the threshold, none once access has ended", async () => {
    // Tomorrow's run of the schedule: every end below is in the future when it is written.
    const scheduled = scheduledTimeOf(new Date(Date.now() + DAY), job.schedule).getTime();
    const at = (offset: number) => new Date(scheduled + offset).toISOString();
    const course = (await api.request("POST", "/api/courses", { token: admin, body: { title: "Tartaletas", description: "d" } })).body.id as string;
    const [weekLeft, extended, endsEarly, member] = await Promise.all([givenUser(), givenUser(), givenUser(), givenUser()]);
    const enroll = async (user: TestUser, expiresAt: string) => {
      const response = await api.request("POST", "/api/enrollments", { token: admin, body: { user_id: user.id, course_id: course, expires_at: expiresAt } });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    await enroll(weekLeft, at(7 * DAY - 2 * HOUR));
    const moved = await enroll(extended, at(7 * DAY - 3 * HOUR));
    await enroll(endsEarly, at(1 * HOUR));
    const membership = await api.request("POST", "/api/memberships", { token: admin, body: { user_id: member.id, start_date: new Date().toISOString(), end_date: at(DAY - HOUR) } });
    expect(membership.status).toBe(201);
    // Extended past the 7-day threshold before the run.
    expect((await api.request("PUT", `/api/enrollments/${moved}`, { token: admin, body: { expires_at: at(20 * DAY) } })).status).toBe(200);
    await workers().settle();

    // The day's run starts two hours late: what ended meanwhile (endsEarly, an hour after the scheduled time) is not warned.
    const first = await runAt(new Date(scheduled + 2 * HOUR));
    expect(first).toMatchObject({ scheduledAt: new Date(scheduled).toISOString(), requested: { "7d": 1, "1d": 1 } });
    expect(endingMails(weekLeft)).toEqual(["Tu acceso a «Tartaletas» termina dentro de 7 días"]);
    expect(endingMails(member)).toEqual(["Tu membresía termina mañana"]);
    expect(endingMails(extended)).toEqual([]);
    expect(endingMails(endsEarly)).toEqual([]);

    // Run again the same day (a retry, or `npm run notify:expiring`): the same notices are asked for, nobody is told twice.
    expect((await runAt(new Date(scheduled + 3 * HOUR))).requested).toEqual({ "7d": 1, "1d": 1 });
    expect(endingMails(weekLeft)).toHaveLength(1);
    expect(endingMails(member)).toHaveLength(1);

    // Six days later: the last day of weekLeft's access; the membership has ended.
    const sixth = await runAt(new Date(scheduled + 6 * DAY + 5 * 60_000));
    expect(sixth.requested).toEqual({ "7d": 0, "1d": 1 });
    expect(endingMails(weekLeft)).toEqual(["Tu acceso a «Tartaletas» termina dentro de 7 días", "Tu acceso a «Tartaletas» termina mañana"]);
    await runAt(new Date(scheduled + 6 * DAY + 6 * HOUR));
    // After the end: nothing more, for anyone.
    await runAt(new Date(scheduled + 7 * DAY + 5 * 60_000));
    expect(endingMails(weekLeft)).toHaveLength(2);
    expect(endingMails(member)).toHaveLength(1);
    expect(endingMails(extended)).toEqual([]);
    expect(endingMails(endsEarly)).toEqual([]);

    // The same in the app: one notice per threshold.
    const { data } = await db().entities.notification.query.byUser({ user_id: weekLeft.id }).go();
    expect(data.filter((item) => item.kind === "access_ending").map((item) => item.title)).toEqual([
      "Tu acceso a «Tartaletas» termina dentro de 7 días",
      "Tu acceso a «Tartaletas» termina mañana",
    ]);
  }, 90_000); // five runs of the job, each settled through the queue and SMTP: 15-43 s on CI's two busy cores

  it("an end moved after the notice was asked for and before it was sent is not told", async () => {
    // A day of its own, far from the ends of the test above.
    const scheduled = scheduledTimeOf(new Date(Date.now() + 41 * DAY), job.schedule).getTime();
    const course = (await api.request("POST", "/api/courses", { token: admin, body: { title: "Milhojas", description: "d" } })).body.id as string;
    const student = await givenUser();
    const created = await api.request("POST", "/api/enrollments", { token: admin, body: { user_id: student.id, course_id: course, expires_at: new Date(scheduled + DAY - HOUR).toISOString() } });
    await workers().settle();
    // The job asks (the request waits on the queue while the sender is busy), then the end moves, then it is sent.
    const queue = workers().queues.Notifications;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      const stop = queue.onBatchSettled(async () => {
        stop();
        resolve();
        await new Promise<void>((resolved) => (release = resolved));
      });
    });
    queue.send(JSON.stringify({ event_key: "hold", user_id: "nobody", kind: "new_lesson", occurred_at: new Date().toISOString(), lesson: { course_id: "none", lesson_id: "none" } }));
    await held;
    try {
      clock.now = () => new Date(scheduled + 5 * 60_000);
      expect(((await workers().runJob(job.name)) as ExpiryRun).requested).toEqual({ "7d": 0, "1d": 1 });
      await db().entities.enrollment.patch({ user_id: student.id, course_id: course }).set({ expires_at: new Date(scheduled + 30 * DAY).toISOString() }).go();
    } finally {
      release();
    }
    await workers().settle();
    expect(created.status).toBe(201);
    expect(endingMails(student)).toEqual([]);
  });
});
