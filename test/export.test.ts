import { marshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { personalDataKey } from "../core/media/keys";
import * as Storage from "../core/media/storage";
import { useTestApi, type ApiResponse } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";

const api = useTestApi();
let adminToken: string;

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

/**
 * A student with one of every kind of item: an enrollment, a membership, progress (the course's one lesson
 * completed: a certificate), a thread and a reply, a review, a reaction (to `reactTo`, someone else's comment when
 * given), email settings, and the in-app notifications their enrollment and membership bring.
 */
async function studentWithEverything(courseId: string, lessonId: string, other?: { thread: string }) {
  const user = await givenUser();
  const token = (await signIn(api, user)).access_token;
  const as = (method: string, path: string, body?: unknown) => api.request(method, path, { token, body });
  const enrollment = await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId });
  expect(enrollment.status).toBe(201);
  const membership = await asAdmin("POST", "/api/memberships", { user_id: user.id, start_date: "2026-01-01T00:00:00Z", end_date: "2099-01-01T00:00:00Z" });
  expect(membership.status).toBe(201);
  expect((await as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 12 })).status).toBe(200);
  expect((await as("PUT", `/api/lessons/${lessonId}/complete`, { completed: true })).status).toBe(200);
  const thread = await as("POST", `/api/courses/${courseId}/comments`, { content: `Pregunta de ${user.email}` });
  expect(thread.status).toBe(201);
  const reply = await as("POST", `/api/comments/${other?.thread ?? thread.body.id}/reply`, { content: `Respuesta de ${user.email}` });
  expect(reply.status).toBe(201);
  const review = await as("POST", `/api/courses/${courseId}/review`, { rating: 4, text: `Opinión de ${user.email}` });
  expect(review.status).toBe(201);
  expect((await as("PUT", `/api/comments/${other?.thread ?? thread.body.id}/reactions/yum`)).status).toBeLessThan(300);
  expect((await as("PUT", "/api/auth/me/notifications", { email: { forum: false } })).status).toBe(200);
  await workers().settle();
  return { user, token, as, ids: { enrollment: enrollment.body.id, membership: membership.body.id, thread: thread.body.id, reply: reply.body.id, review: review.body.id } };
}

/** Asks for the export, lets the consumer build it, asks again and downloads it. */
async function exported(ask: () => Promise<ApiResponse>) {
  const started = await ask();
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ status: "building" });
  expect(started.body.url).toBeUndefined();
  await workers().settle();
  const ready = await ask();
  expect(ready.status).toBe(200);
  expect(ready.body).toMatchObject({ status: "ready", export_id: started.body.export_id });
  const file = await fetch(ready.body.url);
  expect(file.status).toBe(200);
  const text = await file.text();
  return { text, document: JSON.parse(text), counts: ready.body.counts, exportId: ready.body.export_id as string, url: ready.body.url as string };
}

const OWNED_KINDS = ["enrollments", "memberships", "progress", "comments", "reviews", "reactions", "certificates", "notifications"] as const;

describe("a personal data export", () => {
  let course: string;
  let lesson: string;
  let ana: Awaited<ReturnType<typeof studentWithEverything>>;
  let ben: Awaited<ReturnType<typeof studentWithEverything>>;

  beforeAll(async () => {
    course = (await asAdmin("POST", "/api/courses", { title: "Chocolate", description: "d" })).body.id;
    lesson = (await asAdmin("POST", `/api/courses/${course}/lessons`, { title: "Templado" })).body.id;
    ana = await studentWithEverything(course, lesson);
    // Ben's items live next to Ana's: the same course, the same lesson, a reply and a reaction in Ana's thread, a review of the same course.
    ben = await studentWithEverything(course, lesson, { thread: ana.ids.thread });
  });

  it("is built off the request and contains every kind of item the person owns and nothing of anyone else, for them and for an admin", async () => {
    const own = await exported(() => ana.as("GET", "/api/auth/me/export"));
    // Within minutes the admin is handed the same document at once, not a second build.
    const again = await asAdmin("GET", `/api/users/${ana.user.id}/export`);
    expect(again.body).toMatchObject({ status: "ready", export_id: own.exportId });
    const byAdmin = { text: await (await fetch(again.body.url)).text(), counts: again.body.counts };
    Object.assign(byAdmin, { document: JSON.parse(byAdmin.text) });
    for (const { document, text, counts } of [own, byAdmin as typeof own]) {
      expect(document.profile).toMatchObject({ id: ana.user.id, email: ana.user.email });
      expect(document.enrollments.map((item: { enrollment_id: string }) => item.enrollment_id)).toEqual([ana.ids.enrollment]);
      expect(document.memberships.map((item: { membership_id: string }) => item.membership_id)).toEqual([ana.ids.membership]);
      expect(document.progress).toMatchObject([{ user_id: ana.user.id, lesson_id: lesson, last_watched_position: 12, completed: true }]);
      expect(document.comments.map((item: { comment_id: string }) => item.comment_id).sort()).toEqual([ana.ids.thread, ana.ids.reply].sort());
      expect(document.reviews).toMatchObject([{ review_id: ana.ids.review, course_id: course, rating: 4 }]);
      expect(document.reactions).toMatchObject([{ comment_id: ana.ids.thread, kind: "yum" }]);
      expect(document.certificates).toMatchObject([{ course_id: course, status: "valid" }]);
      expect(document.notifications.length).toBeGreaterThan(0);
      expect(document.notification_settings).toMatchObject({ user_id: ana.user.id, email_forum: false });
      expect(counts).toMatchObject({ enrollments: 1, memberships: 1, progress: 1, comments: 2, reviews: 1, reactions: 1, certificates: 1 });
      expect(counts.notifications).toBe(document.notifications.length);
      // Every item is hers; nothing of Ben's, not even his reply, reaction and review next to hers.
      for (const kind of OWNED_KINDS) {
        expect(document[kind].length, kind).toBeGreaterThan(0);
        for (const item of document[kind]) expect(item.user_id, kind).toBe(ana.user.id);
      }
      // Her notifications are hers, though one tells her of Ben's reply (and quotes it); nothing else of his is here.
      const { notifications: _hers, ...rest } = document;
      for (const id of [ben.user.id, ben.user.email, ...Object.values(ben.ids)]) expect(JSON.stringify(rest)).not.toContain(id);
      // Keys to her account are not information about her.
      expect(text).not.toContain(ana.user.password);
      expect(text).not.toMatch(/password|token_version|scrypt/i);
    }
  });

  it("is handed only to that person and to admins: another student is refused hers and gets his own", async () => {
    const refused = await ben.as("GET", `/api/users/${ana.user.id}/export`);
    expect(refused.status).toBe(403);
    expect(refused.body.url).toBeUndefined();
    const his = await exported(() => ben.as("GET", "/api/auth/me/export"));
    expect(his.document.profile.id).toBe(ben.user.id);
    expect(his.text).not.toContain(ana.user.email);
  });

  it("builds idempotently: the same stream record delivered again, twice at once, changes neither the document nor its job", async () => {
    const carol = await givenUser();
    const token = (await signIn(api, carol)).access_token;
    const { exportId } = await exported(() => api.request("GET", "/api/auth/me/export", { token }));
    const key = personalDataKey(carol.id, exportId);
    const before = await Storage.read(key, 1_000_000);
    const { data: job } = await db().entities.personalDataExport.get({ user_id: carol.id, export_id: exportId }).go();
    expect(job).toMatchObject({ status: "ready" });

    const image = marshall({ ...job, status: "building", exported_at: undefined, counts: undefined, __edb_e__: "personal_data_export", __edb_v__: "1" }, { removeUndefinedValues: true }) as Record<string, AttributeValue>;
    const event = { Records: [1, 2].map((sequence) => ({ eventName: "INSERT", dynamodb: { SequenceNumber: String(sequence), NewImage: image } })) } as unknown as DynamoDBStreamEvent;
    const { handler } = await import("../functions/exports/build");
    const context = { awsRequestId: "test", functionName: "PersonalDataExports" } as Context;
    expect(await Promise.all([handler(event, context), handler(event, context)])).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);

    expect(await Storage.read(key, 1_000_000)).toEqual(before);
    const { data: after } = await db().entities.personalDataExport.get({ user_id: carol.id, export_id: exportId }).go();
    expect(after).toEqual(job);
  });

  it("is refused for a user who does not exist", async () => {
    expect((await asAdmin("GET", "/api/users/01ARZ3NDEKTSV4RRFFQ69G5FAV/export")).status).toBe(404);
  });
});
