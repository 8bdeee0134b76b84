import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { epochSeconds } from "../core/clock";
import { db } from "../core/db/service";
import { idFor, newId } from "../core/ids";
import type { ReceivedMail } from "../dev/mail";
import { useTestApi } from "./support/api";
import { mailbox, workers } from "./support/runtime";
import { holdSender } from "./support/notifications";
import { givenUser, signIn, type TestUser } from "./support/users";

/**
 * Notifications end to end: the real handlers write, the table's stream (DynamoDB Local) feeds the stream consumer,
 * the Notifications queue feeds the sender, and the sender mails the real local SMTP server (dev/mail.ts), whose
 * messages are parsed here. Nothing between the API and the SMTP server is stubbed.
 */
const api = useTestApi();
let admin: string;
let adminUser: TestUser;

beforeAll(async () => {
  adminUser = await givenUser("ADMIN");
  admin = (await signIn(api, adminUser)).access_token;
});

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const mailsTo = (user: TestUser): ReceivedMail[] => mailbox().messages().filter((mail) => mail.envelope.to.includes(user.email));

async function must(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await api.request(method, path, { token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const createCourse = (title: string) => must("POST", "/api/courses", admin, { title, description: "d" }) as Promise<{ id: string }>;
const enroll = (user: TestUser, courseId: string, expiresAt?: string) =>
  must("POST", "/api/enrollments", admin, { user_id: user.id, course_id: courseId, ...(expiresAt ? { expires_at: expiresAt } : {}) }) as Promise<{ id: string }>;

/**
 * Email HTML is a whole document, valid under html-validate's recommended and document rules, except two that are
 * about web pages: its styles are inline (mail clients drop <style> and classes), and its <title> is the subject,
 * as long as a course's title makes it (the 70-character limit is for search results).
 */
const htmlValidator = new HtmlValidate({ extends: ["html-validate:recommended", "html-validate:document"], rules: { "no-inline-style": "off", "long-title": "off" } });

async function expectWellFormed(mail: ReceivedMail, recipient: TestUser) {
  expect(mail.envelope.to).toEqual([recipient.email]);
  expect(mail.header("from")).toBe(process.env.MAIL_FROM);
  const report = await htmlValidator.validateString(mail.html);
  expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`)), mail.subject).toEqual([]);
  expect(mail.text.length).toBeGreaterThan(0);
  // RFC 8058: the one-click link (https on AWS; the local API here) and the POST that a mail client sends to it.
  const unsubscribe = /^<(http:\/\/127\.0\.0\.1:\d+\/api\/notifications\/unsubscribe\?token=[\w.-]+)>$/.exec(mail.header("list-unsubscribe") ?? "");
  expect(unsubscribe, mail.header("list-unsubscribe")).not.toBeNull();
  expect(mail.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  // The same link in both parts' footers, with the preferences link.
  expect(mail.text).toContain(unsubscribe![1]);
  expect(mail.html).toContain(unsubscribe![1]);
  expect(mail.text).toContain(`${process.env.SPA_BASE_URL}/account/notifications`);
  return unsubscribe![1]!;
}

describe("each kind of email, through the local SMTP server", () => {
  it("arrives once for the right person, about the right course, with valid HTML and text and the unsubscribe headers", async () => {
    const title = "Tartas <b>& café</b>";
    const course = await createCourse(title);
    const [enrolled, member, stranger] = await Promise.all([givenUser(), givenUser(), givenUser()]);
    const enrolledToken = (await signIn(api, enrolled)).access_token;
    const memberToken = (await signIn(api, member)).access_token;

    const enrollment = await enroll(enrolled, course.id, daysFromNow(30));
    await workers().settle();
    await must("PUT", `/api/enrollments/${enrollment.id}`, admin, { expires_at: daysFromNow(60) });
    await must("POST", "/api/memberships", admin, { user_id: member.id, start_date: daysFromNow(-1), end_date: daysFromNow(90) });
    await workers().settle();

    // The enrolled student starts a thread, the member answers, an admin answers the member.
    const thread = await must("POST", `/api/courses/${course.id}/comments`, enrolledToken, { content: "¿A qué temperatura horneo?" });
    const memberReply = await must("POST", `/api/comments/${thread.id}/reply`, memberToken, { content: "Yo lo hago a 180 °C <script>alert(1)</script>" });
    await workers().settle();
    await must("POST", `/api/comments/${memberReply.id}/reply`, admin, { content: "Correcto: 180 °C, 25 minutos." });
    await must("POST", `/api/courses/${course.id}/lessons`, admin, { title: "Merengue <suizo>" });
    await workers().settle();

    const subjects = (user: TestUser) => mailsTo(user).map((mail) => mail.subject).sort();
    expect(subjects(enrolled)).toEqual(
      [
        `Ya tienes acceso a «${title}»`,
        `Tu acceso a «${title}» se ha ampliado`,
        `Nueva respuesta en el foro de «${title}»`,
        `Nueva respuesta en el foro de «${title}»`,
        `Nueva lección en «${title}»`,
      ].sort(),
    );
    expect(subjects(member)).toEqual(
      ["Tu membresía de DulceVicio está activa", `El equipo de DulceVicio te ha respondido en «${title}»`, `Nueva lección en «${title}»`].sort(),
    );
    expect(mailsTo(stranger)).toEqual([]);

    for (const [user, mails] of [
      [enrolled, mailsTo(enrolled)],
      [member, mailsTo(member)],
    ] as const) {
      for (const mail of mails) await expectWellFormed(mail, user);
    }
    // The course's title is text: escaped in the HTML, as typed in the plain text; the reply's markup too.
    const granted = mailsTo(enrolled).find((mail) => mail.subject.startsWith("Ya tienes acceso"))!;
    expect(granted.html).toContain("«Tartas &lt;b&gt;&amp; café&lt;/b&gt;»");
    expect(granted.html).not.toContain("<b>");
    expect(granted.text).toContain(`«${title}»`);
    expect(granted.text).toContain(`${process.env.SPA_BASE_URL}/courses/${course.id}`);
    const firstReply = mailsTo(enrolled).find((mail) => mail.text.includes("180 °C <script>"))!;
    expect(firstReply.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(firstReply.html).not.toContain("<script>");
    const lesson = mailsTo(member).find((mail) => mail.subject.startsWith("Nueva lección"))!;
    expect(lesson.text).toContain("«Merengue <suizo>»");

    // The same notices in the app, newest first, all unread.
    const inbox = await api.request("GET", "/api/notifications", { token: enrolledToken });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item: { kind: string }) => item.kind)).toEqual(["new_lesson", "forum_reply", "forum_reply", "access_extended", "access_granted"]);
    expect(inbox.body.unread_count).toBe(5);
  });
});

describe("unsubscribing from an email", () => {
  it("works without signing in, switches that kind off (and only that one), and refuses a forged token", async () => {
    const course = await createCourse("Bizcochos");
    const [student, other] = await Promise.all([givenUser(), givenUser()]);
    await Promise.all([enroll(student, course.id), enroll(other, course.id)]);
    const studentToken = (await signIn(api, student)).access_token;
    const otherToken = (await signIn(api, other)).access_token;
    const thread = await must("POST", `/api/courses/${course.id}/comments`, studentToken, { content: "Mi bizcocho se hunde" });
    await must("POST", `/api/comments/${thread.id}/reply`, otherToken, { content: "Abre el horno más tarde" });
    await workers().settle();
    const forumMail = mailsTo(student).find((mail) => mail.subject.startsWith("Nueva respuesta"))!;
    const link = await expectWellFormed(forumMail, student);

    // Opening the link (a scanner, a preview) changes nothing: it shows a page with the button.
    const page = await api.request("GET", link.slice(link.indexOf("/api/")));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.body).toContain("respuestas en el foro");
    expect((await api.request("GET", "/api/auth/me/notifications", { token: studentToken })).body.email.forum).toBe(true);

    // What a mail client does with List-Unsubscribe-Post: a POST, no cookie, no token of ours.
    const forged = link.replace(/\.[\w-]+$/, `.${"A".repeat(22)}`);
    const otherUsersLink = link.replace(/token=[\w-]+\./, `token=${Buffer.from(JSON.stringify([other.id, "forum"])).toString("base64url")}.`);
    for (const bad of [forged, otherUsersLink, `${link.slice(0, link.indexOf("token="))}token=nonsense`]) {
      const refused = await fetch(bad, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      expect(refused.status, bad).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
    }
    const done = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("respuestas en el foro");
    expect((await api.request("GET", "/api/auth/me/notifications", { token: studentToken })).body.email).toEqual({ access_granted: true, access_ending: true, forum: false, new_lessons: true });
    // The forged links switched nobody off.
    expect((await api.request("GET", "/api/auth/me/notifications", { token: otherToken })).body.email.forum).toBe(true);

    // The next reply is in the app only; another kind still comes by email.
    const before = mailsTo(student).length;
    await must("POST", `/api/comments/${thread.id}/reply`, otherToken, { content: "Y no abras la puerta" });
    await must("POST", `/api/courses/${course.id}/lessons`, admin, { title: "Genovesa" });
    await workers().settle();
    expect(mailsTo(student).slice(before).map((mail) => mail.subject)).toEqual(["Nueva lección en «Bizcochos»"]);
    const inbox = await api.request("GET", "/api/notifications", { token: studentToken });
    expect(inbox.body.items.filter((item: { kind: string }) => item.kind === "forum_reply").map((item: { link: string }) => item.link)).toEqual([
      `${process.env.SPA_BASE_URL}/courses/${course.id}/forum/${thread.id}`,
      `${process.env.SPA_BASE_URL}/courses/${course.id}/forum/${thread.id}`,
    ]);
  });

  it("the preferences switch a kind back on, and refuse what is not a topic", async () => {
    const student = await givenUser();
    const token = (await signIn(api, student)).access_token;
    const off = await api.request("PUT", "/api/auth/me/notifications", { token, body: { email: { new_lessons: false, forum: false } } });
    expect(off.status).toBe(200);
    expect(off.body.email).toEqual({ access_granted: true, access_ending: true, forum: false, new_lessons: false });
    const on = await api.request("PUT", "/api/auth/me/notifications", { token, body: { email: { forum: true } } });
    expect(on.body.email).toEqual({ access_granted: true, access_ending: true, forum: true, new_lessons: false });
    for (const body of [{ email: { marketing: true } }, { email: { forum: "yes" } }, { email: {} }, {}]) {
      const refused = await api.request("PUT", "/api/auth/me/notifications", { token, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("who is told", () => {
  it("nobody is mailed about a course they cannot open: no access, access ended, deactivated", async () => {
    const course = await createCourse("Chocolate");
    const [enrolled, noAccess, expired, deactivated] = await Promise.all([givenUser(), givenUser(), givenUser(), givenUser()]);
    await enroll(enrolled, course.id);
    await enroll(deactivated, course.id);
    // Written straight to the table: an enrollment that ended yesterday (the API refuses to create one).
    const now = new Date().toISOString();
    await db()
      .entities.enrollment.create({ enrollment_id: newId(), user_id: expired.id, course_id: course.id, enrolled_at: daysFromNow(-30), expires_at: daysFromNow(-1), granted_by: adminUser.id, updated_at: now })
      .go();
    await must("DELETE", `/api/users/${deactivated.id}`, admin);
    await workers().settle();
    const before = new Map([enrolled, noAccess, expired, deactivated].map((user) => [user.id, mailsTo(user).length]));

    await must("POST", `/api/courses/${course.id}/lessons`, admin, { title: "Templado" });
    await workers().settle();
    expect(mailsTo(enrolled).slice(before.get(enrolled.id)).map((mail) => mail.subject)).toEqual(["Nueva lección en «Chocolate»"]);
    for (const user of [noAccess, expired, deactivated]) expect(mailsTo(user).length, user.email).toBe(before.get(user.id));
    // Nor in the app.
    for (const user of [noAccess, expired, deactivated]) {
      const { data } = await db().entities.notification.query.byUser({ user_id: user.id }).go();
      expect(data.filter((item) => item.kind === "new_lesson"), user.email).toEqual([]);
    }
  });

  it("a thread's author who lost access is not told of replies, and a reply hidden before sending is told to nobody", async () => {
    const course = await createCourse("Hojaldre");
    const [author, replier] = await Promise.all([givenUser(), givenUser()]);
    const enrollment = await enroll(author, course.id);
    await enroll(replier, course.id);
    const authorToken = (await signIn(api, author)).access_token;
    const replierToken = (await signIn(api, replier)).access_token;
    const thread = await must("POST", `/api/courses/${course.id}/comments`, authorToken, { content: "¿Mantequilla fría?" });
    await must("DELETE", `/api/enrollments/${enrollment.id}`, admin);
    await workers().settle();
    const before = mailsTo(author).length;
    await must("POST", `/api/comments/${thread.id}/reply`, replierToken, { content: "Muy fría" });
    await workers().settle();
    expect(mailsTo(author).length).toBe(before);

    // A reply hidden by a moderator after it was posted and before its notice went out: the sender reads it again.
    await enroll(author, course.id);
    await workers().settle();
    const release = await holdSender();
    const hidden = await must("POST", `/api/comments/${thread.id}/reply`, replierToken, { content: "Algo que no debe verse" });
    await workers().streams.drain();
    await must("PUT", `/api/comments/${hidden.id}/moderate`, admin, { is_active: false });
    release();
    await workers().settle();
    expect(mailsTo(author).filter((mail) => mail.text.includes("Algo que no debe verse"))).toEqual([]);
    const { data } = await db().entities.notification.query.byUser({ user_id: author.id }).go();
    expect(data.filter((item) => item.event_key === `comment:${hidden.id}`)).toEqual([]);
  });
});

describe("the in-app notifications", () => {
  it("pages newest first with the unread count, marks one read, then all, and keeps each person's own", async () => {
    const [student, other] = await Promise.all([givenUser(), givenUser()]);
    const token = (await signIn(api, student)).access_token;
    const otherToken = (await signIn(api, other)).access_token;
    const courses = [await createCourse("Uno"), await createCourse("Dos"), await createCourse("Tres")];
    for (const course of courses) {
      await enroll(student, course.id);
      await workers().settle();
    }
    // One past its 90 days, not yet removed by TTL: not listed, not counted.
    const old = new Date(Date.now() - 91 * 86_400_000);
    await db()
      .entities.notification.create({
        user_id: student.id,
        notification_id: idFor(old, "old"),
        kind: "access_granted",
        event_key: "old",
        title: "Antigua",
        body: "b",
        link: "l",
        created_at: old.toISOString(),
        delivered_at: old.toISOString(),
        expires_at_epoch: epochSeconds(old) + 90 * 86_400,
      })
      .go();

    const first = await api.request("GET", "/api/notifications?limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { course_id: string }) => item.course_id)).toEqual([courses[2]!.id, courses[1]!.id]);
    expect(first.body.unread_count).toBe(3);
    expect(first.dynamoRequests).toBe(4);
    // The rest, page by page (a page may come back shorter: the expired one is read and left out).
    const rest: string[] = [];
    for (let cursor = first.body.next_cursor as string | null; cursor !== null; ) {
      const page = await api.request("GET", `/api/notifications?limit=2&cursor=${encodeURIComponent(cursor)}`, { token });
      expect(page.status).toBe(200);
      rest.push(...page.body.items.map((item: { course_id: string }) => item.course_id));
      cursor = page.body.next_cursor;
    }
    expect(rest).toEqual([courses[0]!.id]);

    const id = first.body.items[0].id as string;
    expect((await api.request("PUT", `/api/notifications/${id}/read`, { token: otherToken })).status).toBe(404);
    const read = await api.request("PUT", `/api/notifications/${id}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, read: true });
    expect((await api.request("PUT", `/api/notifications/${id}/read`, { token })).body.read_at).toBe(read.body.read_at);
    expect((await api.request("GET", "/api/notifications", { token })).body.unread_count).toBe(2);

    const all = await api.request("POST", "/api/notifications/read-all", { token });
    expect(all.body).toEqual({ unread_count: 0 });
    const after = await api.request("GET", "/api/notifications", { token });
    expect(after.body.unread_count).toBe(0);
    expect(after.body.items.every((item: { read: boolean }) => item.read)).toBe(true);
    // A new one after "read all" is unread.
    await enroll(student, (await createCourse("Cuatro")).id);
    await workers().settle();
    expect((await api.request("GET", "/api/notifications", { token })).body.unread_count).toBe(1);
    expect((await api.request("GET", "/api/notifications", { token: otherToken })).body).toEqual({ items: [], next_cursor: null, unread_count: 0 });
  });
});

describe("SES bounces and complaints", () => {
  it("a permanent bounce or a complaint makes the address not mailable (in-app only from then on); a transient bounce does not", async () => {
    const course = await createCourse("Rosquillas");
    const [bounced, complained, full] = await Promise.all([givenUser(), givenUser(), givenUser()]);
    for (const user of [bounced, complained, full]) await enroll(user, course.id);
    await workers().settle();
    const before = new Map([bounced, complained, full].map((user) => [user.id, mailsTo(user).length]));

    // As SES's configuration set publishes them (event publishing, through SNS with raw delivery).
    const feedback = workers().queues.MailFeedback;
    const mail = { timestamp: new Date().toISOString(), source: "no-reply@dulcevicio.example", messageId: "0100018f-bench" };
    feedback.send(JSON.stringify({ eventType: "Bounce", mail, bounce: { bounceType: "Permanent", bounceSubType: "General", bouncedRecipients: [{ emailAddress: bounced.email.toUpperCase() }] } }));
    feedback.send(JSON.stringify({ eventType: "Complaint", mail, complaint: { complainedRecipients: [{ emailAddress: `Alumna <${complained.email}>` }], complaintFeedbackType: "abuse" } }));
    feedback.send(JSON.stringify({ eventType: "Bounce", mail, bounce: { bounceType: "Transient", bounceSubType: "MailboxFull", bouncedRecipients: [{ emailAddress: full.email }] } }));
    feedback.send("not an SES event");
    await workers().settle();
    expect((await db().entities.mailSuppression.get({ email: bounced.email }).go()).data).toMatchObject({ reason: "bounce", detail: "Permanent/General" });
    expect((await db().entities.mailSuppression.get({ email: complained.email }).go()).data).toMatchObject({ reason: "complaint", detail: "abuse" });
    expect((await db().entities.mailSuppression.get({ email: full.email }).go()).data).toBeNull();
    expect(feedback.deadLetters().map((letter) => letter.body)).toEqual(["not an SES event"]);

    await must("POST", `/api/courses/${course.id}/lessons`, admin, { title: "Glaseado" });
    await workers().settle();
    expect(mailsTo(bounced).length).toBe(before.get(bounced.id));
    expect(mailsTo(complained).length).toBe(before.get(complained.id));
    expect(mailsTo(full).slice(before.get(full.id)).map((received) => received.subject)).toEqual(["Nueva lección en «Rosquillas»"]);
    for (const user of [bounced, complained]) {
      const { data } = await db().entities.notification.query.byUser({ user_id: user.id }).go();
      expect(data.filter((item) => item.kind === "new_lesson"), user.email).toHaveLength(1);
    }
  });
});
