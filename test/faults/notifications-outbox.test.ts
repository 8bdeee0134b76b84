import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_RECEIVE_COUNT } from "../../core/consumers";
import { documentClient } from "../../core/db/client";
import { db } from "../../core/db/service";
import { newId } from "../../core/ids";
import type { NotificationRequest } from "../../core/notifications/requests";
import { LOCAL_REGION } from "../../dev/bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "../../dev/dynamodb";
import { lambdaContext } from "../../dev/lambda-context";
import type { ReceivedMail } from "../../dev/mail";
import { handler as derive } from "../../functions/notifications/derive";
import { useTestApi } from "../support/api";
import { mailbox, workers } from "../support/runtime";
import { holdSender } from "../support/notifications";
import { givenUser, signIn, type TestUser } from "../support/users";

/**
 * The outbox when things go wrong, through the real consumers, DynamoDB Local and the local SMTP server: the sender
 * loses the answer after the mail server took the email; the same stream record comes more than once; a poison
 * record in a batch; a mail server that refuses. Each must leave every person with exactly one email per event (or,
 * in the crash window, at most one), and what cannot be handled in a dead-letter queue.
 */
const api = useTestApi();
let admin: string;

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
});

afterEach(() => {
  mailbox().refuse = undefined;
  mailbox().hangUpAfterData = undefined;
  workers().queues.Notifications.setChaos(undefined);
});

const mailsTo = (user: TestUser): ReceivedMail[] => mailbox().messages().filter((mail) => mail.envelope.to.includes(user.email));

async function createCourse(title: string): Promise<string> {
  return (await api.request("POST", "/api/courses", { token: admin, body: { title, description: "d" } })).body.id;
}

async function enroll(user: TestUser, courseId: string): Promise<string> {
  const response = await api.request("POST", "/api/enrollments", { token: admin, body: { user_id: user.id, course_id: courseId } });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Every delivery of the Notifications queue: its body, receive count and whether the sender reported it failed. */
function recordSends() {
  const deliveries: { body: string; receiveCount: number; failed: boolean; batch: number }[] = [];
  let batches = 0;
  const stop = workers().queues.Notifications.onBatchSettled(({ records, failed }) => {
    batches += 1;
    for (const record of records) deliveries.push({ body: record.body, receiveCount: Number(record.attributes.ApproximateReceiveCount), failed: failed.has(record.messageId), batch: batches });
  });
  return { deliveries, stop };
}

/** A request the sender will honour: an access-granted notice for an open enrollment, under a key of the test's own. */
const grantedRequest = (eventKey: string, user: TestUser, courseId: string): NotificationRequest => ({
  event_key: eventKey,
  user_id: user.id,
  kind: "access_granted",
  occurred_at: new Date().toISOString(),
  grant: { type: "enrollment", course_id: courseId },
});

describe("the crash window: the mail server took the email, the sender never learnt it", () => {
  it("is not sent again by any retry: one email, the claim left `sending`, the notice still in the app", async () => {
    const student = await givenUser();
    mailbox().hangUpAfterData = (address) => address === student.email;
    const sends = recordSends();
    const courseId = await createCourse("Macarons");
    await enroll(student, courseId);
    await workers().settle();
    sends.stop();

    expect(mailsTo(student).map((mail) => mail.subject)).toEqual(["Ya tienes acceso a «Macarons»"]);
    // The first attempt failed (no answer), the retry found the claim held and sent nothing.
    const mine = sends.deliveries.filter((delivery) => delivery.body.includes(student.id));
    expect(mine.map(({ receiveCount, failed }) => ({ receiveCount, failed }))).toEqual([
      { receiveCount: 1, failed: true },
      { receiveCount: 2, failed: false },
    ]);
    const request = JSON.parse(mine[0]!.body) as NotificationRequest;
    const { data: claim } = await db().entities.emailDelivery.get({ event_key: request.event_key, user_id: student.id }).go({ consistent: true });
    expect(claim).toMatchObject({ state: "sending", attempts: 1 });
    const { data: inApp } = await db().entities.notification.query.byUser({ user_id: student.id }).go();
    expect(inApp.map((item) => item.kind)).toEqual(["access_granted"]);
    expect(workers().queues.Notifications.deadLetters()).toEqual([]);
  });
});

describe("the same event more than once", () => {
  it("a stream record delivered twice, in one batch and again in a retried batch, and queue duplicates: one email", async () => {
    const student = await givenUser();
    const courseId = await createCourse("Éclairs");
    await enroll(student, courseId);
    await workers().settle();
    expect(mailsTo(student)).toHaveLength(1);

    // The enrollment's INSERT record as the stream carries it: the stored item as its new image.
    const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });
    const key = db().entities.enrollment.get({ user_id: student.id, course_id: courseId }).params().Key as Record<string, string>;
    const { Item } = await client.send(new GetItemCommand({ TableName: process.env.SST_Table_tableName_Main!, Key: { pk: { S: key.pk! }, sk: { S: key.sk! } } }));
    client.destroy();
    const record = {
      eventID: "1",
      eventName: "INSERT" as const,
      eventSource: "aws:dynamodb",
      dynamodb: { Keys: { pk: Item!.pk!, sk: Item!.sk! }, NewImage: Item, SequenceNumber: "100000000000000000001", StreamViewType: "NEW_AND_OLD_IMAGES" as const },
    } as DynamoDBStreamEvent["Records"][number];
    workers().queues.Notifications.setChaos({ duplicates: 2 });
    const context = lambdaContext("dulcevicio-test-NotificationEvents", 60_000);
    expect(await derive({ Records: [record, record] }, context)).toEqual({ batchItemFailures: [] });
    expect(await derive({ Records: [record] }, context)).toEqual({ batchItemFailures: [] });
    await workers().settle();

    expect(mailsTo(student).map((mail) => mail.subject)).toEqual(["Ya tienes acceso a «Éclairs»"]);
    const { data: inApp } = await db().entities.notification.query.byUser({ user_id: student.id }).go();
    expect(inApp).toHaveLength(1);
  });
});

describe("a batch with one poison record", () => {
  it("on the Notifications queue: the poison one goes to the dead-letter queue after the stack's tries, the others are sent once", async () => {
    const courseId = await createCourse("Profiteroles");
    const students = await Promise.all([givenUser(), givenUser(), givenUser()]);
    for (const student of students) await enroll(student, courseId);
    await workers().settle();
    const before = students.map((student) => mailsTo(student).length);

    const sends = recordSends();
    const release = await holdSender();
    const queue = workers().queues.Notifications;
    const poison = JSON.stringify({ ...grantedRequest(`poison:${newId()}`, students[0]!, courseId), kind: "a kind nobody knows" });
    queue.send(JSON.stringify(grantedRequest(`batch:${newId()}`, students[0]!, courseId)));
    queue.send(poison);
    queue.send(JSON.stringify(grantedRequest(`batch:${newId()}`, students[1]!, courseId)));
    queue.send(JSON.stringify(grantedRequest(`batch:${newId()}`, students[2]!, courseId)));
    release();
    await workers().settle();
    sends.stop();

    // One batch of four, the poison one alone failed in it, and then on every try until the dead letters.
    const first = sends.deliveries.filter((delivery) => delivery.batch === sends.deliveries.find((d) => d.body === poison)!.batch);
    expect(first.map((delivery) => delivery.failed)).toEqual([false, true, false, false]);
    expect(sends.deliveries.filter((delivery) => delivery.body === poison).map((delivery) => delivery.receiveCount)).toEqual(Array.from({ length: MAX_RECEIVE_COUNT }, (_, i) => i + 1));
    expect(queue.deadLetters().filter((letter) => letter.body === poison)).toEqual([expect.objectContaining({ receiveCount: MAX_RECEIVE_COUNT })]);
    expect(students.map((student, i) => mailsTo(student).length - before[i]!)).toEqual([1, 1, 1]);
  });

  it("on the table's stream: the poison record goes to the stream's dead letters, the records around it are told once", async () => {
    const courseId = await createCourse("Brioche");
    const [first, last] = await Promise.all([givenUser(), givenUser()]);
    const dead = workers().streams.deadLetters("NotificationEvents").length;
    // An item that says it is an enrollment and is not one (no user, no dates), between two real enrollments, all
    // three in one transaction: their records come together, in one batch of the stream.
    const now = new Date().toISOString();
    const enrollment = (user: TestUser) =>
      db().entities.enrollment.create({ enrollment_id: newId(), user_id: user.id, course_id: courseId, enrolled_at: now, granted_by: user.id, updated_at: now }).params() as { TableName: string; Item: Record<string, unknown> };
    const poison = { pk: `poison#${newId()}`, sk: "poison", __edb_e__: "enrollment", __edb_v__: "1", course_id: courseId };
    await documentClient.send(new TransactWriteCommand({ TransactItems: [{ Put: enrollment(first) }, { Put: { TableName: process.env.SST_Table_tableName_Main!, Item: poison } }, { Put: enrollment(last) }] }));
    await workers().settle();

    // One range in the dead letters (Lambda sends the batch from the failed record on); the records after the poison
    // one were handled anyway, on every try, and their people told once.
    const letters = workers().streams.deadLetters("NotificationEvents").slice(dead);
    expect(letters).toEqual([expect.objectContaining({ reason: "reported in batchItemFailures" })]);
    expect(mailsTo(first).map((mail) => mail.subject)).toEqual(["Ya tienes acceso a «Brioche»"]);
    expect(mailsTo(last).map((mail) => mail.subject)).toEqual(["Ya tienes acceso a «Brioche»"]);
  });
});

describe("a mail server that refuses", () => {
  it("a transient refusal (451) is tried again with backoff and sent once when accepted, or ends in the dead-letter queue; a permanent one (550) is recorded failed at once, never retried", async () => {
    const courseId = await createCourse("Turrón");
    const [later, busy, never] = await Promise.all([givenUser(), givenUser(), givenUser()]);
    for (const user of [later, busy, never]) await enroll(user, courseId);
    await workers().settle();

    let refusals = 0;
    const refusedAt: Record<string, number> = {};
    mailbox().refuse = (address) => {
      refusedAt[address] = (refusedAt[address] ?? 0) + 1;
      if (address === never.email) return 550;
      if (address === busy.email) return 451;
      return address === later.email && (refusals += 1) <= 2 ? 451 : false;
    };
    const queue = workers().queues.Notifications;
    const [laterKey, busyKey, neverKey] = [`refused:${newId()}`, `refused:${newId()}`, `refused:${newId()}`];
    queue.send(JSON.stringify(grantedRequest(laterKey, later, courseId)));
    queue.send(JSON.stringify(grantedRequest(busyKey, busy, courseId)));
    const neverRequest = JSON.stringify(grantedRequest(neverKey, never, courseId));
    queue.send(neverRequest);
    await workers().settle();

    const delivery = async (eventKey: string, user: { id: string }) => (await db().entities.emailDelivery.get({ event_key: eventKey, user_id: user.id }).go({ consistent: true })).data;
    expect(mailsTo(later)).toHaveLength(2);
    expect(await delivery(laterKey, later)).toMatchObject({ state: "sent", attempts: 3 });
    expect(await delivery(busyKey, busy)).toMatchObject({ state: "released", attempts: MAX_RECEIVE_COUNT });
    expect(queue.deadLetters().filter((letter) => letter.body.includes(busyKey))).toEqual([expect.objectContaining({ receiveCount: MAX_RECEIVE_COUNT })]);
    // Refused for good: one try, recorded failed with the server's answer, no dead letter.
    expect(refusedAt[never.email]).toBe(1);
    expect(mailsTo(never)).toHaveLength(1);
    expect(await delivery(neverKey, never)).toMatchObject({ state: "failed", attempts: 1, failure: "the SMTP server answered 550" });
    expect(queue.deadLetters().filter((letter) => letter.body.includes(neverKey))).toEqual([]);
    // The same request again (a redelivery) finds it failed and does not try.
    queue.send(neverRequest);
    await workers().settle();
    expect(refusedAt[never.email]).toBe(1);
    // The in-app notice does not wait for the mail server.
    const { data: inApp } = await db().entities.notification.query.byUser({ user_id: never.id }).go();
    expect(inApp.filter((item) => item.event_key === neverKey)).toHaveLength(1);
  });
});
