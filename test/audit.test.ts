import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { runAs } from "../core/audit/origin";
import { record } from "../core/audit/record";
import { documentClient, dynamo } from "../core/db/client";
import { db } from "../core/db/service";
import { useTestApi, type ApiResponse } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn, type TestUser } from "./support/users";

const api = useTestApi();

type As = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

async function person(role: "ADMIN" | "USER" = "USER"): Promise<{ user: TestUser; as: As; token: string }> {
  const user = await givenUser(role);
  const token = (await signIn(api, user)).access_token;
  return { user, token, as: (method, path, body) => api.request(method, path, { token, body }) };
}

let root: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  root = await person("ADMIN");
});

interface Change {
  id: string;
  target: { type: string; id: string };
  action: string;
  fields: Array<{ name: string; old: unknown; new: unknown; redacted?: true; truncated?: true }>;
}
interface Group {
  request_id: string;
  at: string;
  route: string;
  actor: { id: string; email: string | null; full_name: string | null };
  changes: Change[];
}

/** Every group of the log for a query, after the stream has been read to its end; pages followed to the last one. */
async function log(query: string, limit = 100): Promise<Group[]> {
  await workers().settle();
  const groups: Group[] = [];
  let cursor: string | null = null;
  do {
    const response = await root.as("GET", `/api/audit?limit=${limit}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(response.status).toBe(200);
    groups.push(...response.body.items);
    cursor = response.body.next_cursor;
  } while (cursor);
  return groups;
}

/** A change as the tests compare it: which item, what happened, each field's old → new. */
const summary = (change: Change) => ({
  type: change.target.type,
  id: change.target.id,
  action: change.action,
  fields: Object.fromEntries(change.fields.map((field) => [field.name, field.redacted ? "redacted" : [field.old, field.new]])),
});

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe("a scripted sequence of admin actions", () => {
  it("yields exactly the expected entries, one group per request, with old and new values", async () => {
    const admin = await person("ADMIN");
    const student = await person();

    const course = await admin.as("POST", "/api/courses", { title: "Hojaldre", description: "Mil capas" });
    expect(course.status).toBe(201);
    const courseId: string = course.body.id;
    expect((await admin.as("PUT", `/api/courses/${courseId}`, { title: "Hojaldre invertido" })).status).toBe(200);
    const lesson = await admin.as("POST", `/api/courses/${courseId}/lessons`, { title: "El empaste" });
    expect(lesson.status).toBe(201);
    const lessonId: string = lesson.body.id;
    const enrollment = await admin.as("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId });
    expect(enrollment.status).toBe(201);
    const enrollmentId: string = enrollment.body.id;
    expect((await admin.as("PUT", `/api/enrollments/${enrollmentId}`, { expires_at: "2099-12-31T00:00:00Z" })).status).toBe(200);
    // The student's own writes in between: a comment (which moves the course's comments_count) and progress.
    const comment = await student.as("POST", `/api/courses/${courseId}/comments`, { content: "¿Cuántas vueltas?" });
    expect(comment.status).toBe(201);
    expect((await student.as("POST", `/api/lessons/${lessonId}/progress`, { last_watched_position: 30 })).status).toBe(200);
    expect((await admin.as("PUT", `/api/comments/${comment.body.id}/moderate`, { is_active: false })).status).toBe(200);
    const deletion = await admin.as("DELETE", `/api/lessons/${lessonId}`);
    expect(deletion.status).toBe(204);

    const groups = await log(`actor=${admin.user.id}`);
    // Newest first, one group per request, each with the admin and the route.
    expect(groups.map((group) => group.route)).toEqual([
      "DELETE /api/lessons/{id}",
      "PUT /api/comments/{id}/moderate",
      "PUT /api/enrollments/{id}",
      "POST /api/enrollments",
      "POST /api/courses/{id}/lessons",
      "PUT /api/courses/{id}",
      "POST /api/courses",
    ]);
    for (const group of groups) {
      expect(group.actor).toEqual({ id: admin.user.id, email: admin.user.email, full_name: expect.any(String) });
      expect(group.at).toEqual(ISO);
    }
    const [deleted, moderated, extended, enrolled, added, renamed, createdCourse] = groups.map((group) => group.changes.map(summary));
    const sortById = (changes: ReturnType<typeof summary>[]) => [...changes].sort((a, b) => a.type.localeCompare(b.type));

    expect(createdCourse).toEqual([
      {
        type: "course",
        id: courseId,
        action: "created",
        fields: {
          course_id: [null, courseId],
          title: [null, "Hojaldre"],
          description: [null, "Mil capas"],
          difficulty_level: [null, "BEGINNER"],
          estimated_duration_minutes: [null, 0],
          order: [null, 0],
          is_active: [null, true],
          created_by: [null, admin.user.id],
          created_at: [null, ISO],
          updated_at: [null, ISO],
          version: [null, 1],
          lifecycle: [null, "live"],
          lessons_count: [null, 0],
          recipes_count: [null, 0],
          enrolled_count: [null, 0],
          comments_count: [null, 0],
          thumbnail_status: [null, "none"],
          recipes_revision: [null, 0],
          pdf_revision: [null, 0],
          // Search (issue 15): a course's tags, none until an admin sets them.
          tags: [null, []],
        },
      },
    ]);
    // A new title shows in the recipe PDF's cover: the revision moves with it.
    expect(renamed).toEqual([
      { type: "course", id: courseId, action: "updated", fields: { title: ["Hojaldre", "Hojaldre invertido"], updated_at: [ISO, ISO], version: [1, 2], recipes_revision: [0, 1] } },
    ]);
    // One transaction, two items: the lesson and its course's counters, in one group.
    expect(sortById(added!)).toEqual([
      { type: "course", id: courseId, action: "updated", fields: { lessons_count: [0, 1], active_lesson_ids: [null, [lessonId]] } },
      {
        type: "lesson",
        id: lessonId,
        action: "created",
        fields: {
          lesson_id: [null, lessonId],
          course_id: [null, courseId],
          title: [null, "El empaste"],
          order: [null, 1],
          is_preview: [null, false],
          kind: [null, "video"],
          is_active: [null, true],
          video_status: [null, "none"],
          created_at: [null, ISO],
          updated_at: [null, ISO],
        },
      },
    ]);
    expect(sortById(enrolled!)).toEqual([
      { type: "course", id: courseId, action: "updated", fields: { enrolled_count: [0, 1] } },
      {
        type: "enrollment",
        id: enrollmentId,
        action: "created",
        fields: {
          enrollment_id: [null, enrollmentId],
          user_id: [null, student.user.id],
          course_id: [null, courseId],
          enrolled_at: [null, ISO],
          is_active: [null, true],
          granted_by: [null, admin.user.id],
          updated_at: [null, ISO],
        },
      },
    ]);
    expect(extended).toEqual([{ type: "enrollment", id: enrollmentId, action: "updated", fields: { expires_at: [null, "2099-12-31T00:00:00.000Z"], updated_at: [ISO, ISO] } }]);
    expect(moderated).toEqual([{ type: "comment", id: comment.body.id, action: "updated", fields: { is_active: [true, false], updated_at: [ISO, ISO] } }]);
    expect(sortById(deleted!)).toEqual([
      { type: "course", id: courseId, action: "updated", fields: { lessons_count: [1, 0], active_lesson_ids: [[lessonId], null] } },
      {
        type: "lesson",
        id: lessonId,
        action: "deleted",
        fields: {
          lesson_id: [lessonId, null],
          course_id: [courseId, null],
          title: ["El empaste", null],
          order: [1, null],
          is_preview: [false, null],
          kind: ["video", null],
          is_active: [true, null],
          video_status: ["none", null],
          created_at: [ISO, null],
          updated_at: [ISO, null],
        },
      },
    ]);

    // The course's own history holds every admin change to it, and none of the student's comment count.
    const history = (await log(`target=${courseId}`)).flatMap((group) => group.changes.map(summary));
    expect(history.map((change) => change.action)).toEqual(["updated", "updated", "updated", "updated", "created"]);
    expect(history.some((change) => "comments_count" in change.fields && change.action === "updated")).toBe(false);
  });

  it("the stamp costs no request on puts and updates, and one UpdateItem per deleted item", async () => {
    const course = await root.as("POST", "/api/courses", { title: "Medida", description: "d" });
    expect(course.dynamoCommands).toEqual(["GetItem", "PutItem"]);
    const rename = await root.as("PUT", `/api/courses/${course.body.id}`, { description: "otra" });
    expect(rename.dynamoCommands).toEqual(["GetItem", "UpdateItem"]);
    // With its order given: without it, one Query finds the end of the course (test/courses.test.ts).
    const lesson = await root.as("POST", `/api/courses/${course.body.id}/lessons`, { title: "L", order: 1 });
    expect(lesson.dynamoCommands).toEqual(["GetItem", "TransactWriteItems"]);
    const deletion = await root.as("DELETE", `/api/lessons/${lesson.body.id}`);
    expect(deletion.status).toBe(204);
    // Without the audit: caller, the lesson by id, the transaction; the mark before the deletion is the one more.
    expect(deletion.dynamoCommands).toEqual(["GetItem", "Query", "UpdateItem", "TransactWriteItems"]);
  });
});

describe("only what happened is recorded", () => {
  it("a refused write (stale If-Match, a second enrollment, a failed condition) leaves no entry", async () => {
    const admin = await person("ADMIN");
    const student = await person();
    const course = await admin.as("POST", "/api/courses", { title: "Merengues", description: "d" });
    const courseId: string = course.body.id;
    const etag = course.headers.get("etag")!;
    expect((await admin.as("PUT", `/api/courses/${courseId}`, { title: "Merengue suizo" })).status).toBe(200);
    const stale = await api.request("PUT", `/api/courses/${courseId}`, { token: admin.token, body: { title: "Perdido" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect((await admin.as("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId })).status).toBe(201);
    // A transaction refused on its condition: nothing of it is written, not even the course's counter.
    expect((await admin.as("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId })).status).toBe(409);

    const routes = (await log(`actor=${admin.user.id}`)).map((group) => [group.route, group.changes.length]);
    expect(routes).toEqual([
      ["POST /api/enrollments", 2],
      ["PUT /api/courses/{id}", 1],
      ["POST /api/courses", 1],
    ]);
  });

  it("a rolled-back deletion records nothing, and its mark does not blame the admin for a later deletion by someone else", async () => {
    const admin = await person("ADMIN");
    const course = await admin.as("POST", "/api/courses", { title: "Brioche", description: "d" });
    const courseId: string = course.body.id;
    const lesson = await admin.as("POST", `/api/courses/${courseId}/lessons`, { title: "Amasado" });
    const lessonId: string = lesson.body.id;
    const origin = { actor: admin.user.id, route: "DELETE /api/lessons/{id}", request: "rolled-back-request", at: new Date().toISOString() };

    // The lesson's deletion in a transaction whose other item's condition fails: DynamoDB writes none of it.
    const result = await runAs(origin, () =>
      db()
        .transaction.write(({ lesson: lessons, course: courses }) => [
          lessons.delete({ course_id: courseId, lesson_id: lessonId }).commit(),
          courses.patch({ course_id: courseId }).set({ title: "never" }).where((attr, op) => op.eq(attr.lifecycle, "deleting")).commit(),
        ])
        .go(),
    );
    expect(result.canceled).toBe(true);
    // A deletion refused on its own condition is not even marked.
    await expect(
      runAs(origin, () =>
        db()
          .entities.lesson.delete({ course_id: courseId, lesson_id: lessonId })
          .where((attr, op) => op.eq(attr.title, "another title"))
          .go(),
      ),
    ).rejects.toThrow();
    const { Item } = await documentClient.send(new GetCommand(db().entities.lesson.get({ course_id: courseId, lesson_id: lessonId }).params()));
    expect(Item).toMatchObject({ title: "Amasado", _request: "rolled-back-request" });
    expect(Item!._op).toBeUndefined();

    // Someone else's deletion later (no admin behind it) is not put on the admin.
    await db().entities.lesson.delete({ course_id: courseId, lesson_id: lessonId }).go();
    const changes = (await log(`target=${lessonId}`)).flatMap((group) => group.changes.map((change) => [group.route, change.action]));
    expect(changes).toEqual([["POST /api/courses/{id}/lessons", "created"]]);
  });

  it("a deletion mark left by a request that died before deleting does not blame its admin much later", async () => {
    const admin = await person("ADMIN");
    const course = await admin.as("POST", "/api/courses", { title: "Hogaza", description: "d" });
    const courseId: string = course.body.id;
    // What a request that crashed between its mark and its deletion leaves: the mark, an hour old.
    await documentClient.send(
      new UpdateCommand({
        ...db().entities.course.get({ course_id: courseId }).params(),
        UpdateExpression: "SET #op = :delete, #at = :at, #request = :request, #write = :write",
        ExpressionAttributeNames: { "#op": "_op", "#at": "_at", "#request": "_request", "#write": "_write" },
        ExpressionAttributeValues: { ":delete": "delete", ":at": new Date(Date.now() - 3_600_000).toISOString(), ":request": "crashed", ":write": 1 },
      }),
    );
    await db().entities.course.delete({ course_id: courseId }).go();
    const actions = (await log(`target=${courseId}`)).flatMap((group) => group.changes.map((change) => change.action));
    expect(actions).toEqual(["created"]);
  });

  it("a stream record delivered twice makes one entry", async () => {
    const admin = await person("ADMIN");
    const course = await admin.as("POST", "/api/courses", { title: "Duplicado", description: "d" });
    const courseId: string = course.body.id;
    const [created] = (await log(`target=${courseId}`)).flatMap((group) => group.changes);
    // The same record again, as Lambda redelivers it after a failed batch: same event id, same images.
    const key = db().entities.course.get({ course_id: courseId }).params();
    const { Item } = await dynamo.send(new GetItemCommand({ TableName: key.TableName, Key: marshall(key.Key) }));
    const redelivered = { eventID: created!.id, eventName: "INSERT" as const, dynamodb: { NewImage: Item as never, ApproximateCreationDateTime: Date.now() / 1000 } };
    expect(await record(redelivered)).toMatchObject({ entry_id: created!.id, action: "created" });
    expect(await record(redelivered)).toMatchObject({ entry_id: created!.id });
    expect((await log(`target=${courseId}`)).flatMap((group) => group.changes)).toHaveLength(1);
  });
});

describe("what is never recorded", () => {
  it("no password, hash or token appears in any entry: a user created, their password changed, an admin's own changed", async () => {
    const admin = await person("ADMIN");
    const password = "una clave secreta muy larga";
    const created = await admin.as("POST", "/api/users", { email: `secret-${Date.now()}@example.com`, password, full_name: "Clara" });
    expect(created.status).toBe(201);
    const clara = { id: created.body.id as string, email: created.body.email as string, password };
    const session = await signIn(api, clara);
    const claraChange = await api.request("PUT", "/api/auth/change-password", {
      token: session.access_token,
      body: { current_password: password, new_password: "otra clave secreta larga", confirm_password: "otra clave secreta larga" },
    });
    expect(claraChange.status).toBe(200);
    const adminChange = await api.request("PUT", "/api/auth/change-password", {
      token: admin.token,
      body: { current_password: admin.user.password, new_password: "la nueva del admin 123", confirm_password: "la nueva del admin 123" },
    });
    expect(adminChange.status).toBe(200);
    const adminSession = adminChange.body;

    const hashes = await Promise.all([clara.id, admin.user.id].map(async (userId) => (await db().entities.user.get({ user_id: userId }).go()).data!.password_hash));
    const groups = await log(`from=${new Date(Date.now() - 600_000).toISOString()}`);
    const mine = groups.filter((group) => group.actor.id === admin.user.id);
    const text = JSON.stringify(mine);
    for (const secret of [
      password,
      "otra clave secreta larga",
      admin.user.password,
      "la nueva del admin 123",
      ...hashes,
      session.access_token,
      session.refresh_token,
      claraChange.body.refresh_token,
      adminSession.access_token,
      adminSession.refresh_token,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/scrypt|\$[0-9a-f]{20,}|X-Amz-Signature/i);
    // The creation shows that there is a password, not what it is; the admin's change says it changed.
    const userCreated = mine.find((group) => group.route === "POST /api/users")!.changes.find((change) => change.target.type === "user")!;
    expect(userCreated.fields.find((field) => field.name === "password_hash")).toEqual({ name: "password_hash", old: null, new: null, redacted: true });
    const ownChange = mine.find((group) => group.route === "PUT /api/auth/change-password")!;
    expect(ownChange.changes.map((change) => change.target.type)).toEqual(["user"]);
    expect(ownChange.changes[0]!.fields.map((field) => [field.name, field.redacted ?? false])).toEqual([
      ["password_hash", true],
      ["token_version", true],
      ["updated_at", false],
    ]);
    // Clara is no admin: her own change is not in the log at all.
    expect(groups.filter((group) => group.actor.id === clara.id)).toEqual([]);
    // What is stored is what is shown: the raw entries hold no secret either.
    const stored = JSON.stringify((await db().entities.auditEntry.query.byActor({ actor_id: admin.user.id }).go({ pages: "all" })).data);
    for (const secret of [password, admin.user.password, ...hashes]) expect(stored).not.toContain(secret);
  });

  it("a student's writes (progress, completion, comments, profile) are not audited, and a student's writes to an admin's items are not put on the admin", async () => {
    const admin = await person("ADMIN");
    const student = await person();
    const course = await admin.as("POST", "/api/courses", { title: "Galletas", description: "d" });
    const courseId: string = course.body.id;
    const lesson = await admin.as("POST", `/api/courses/${courseId}/lessons`, { title: "Glasa" });
    await admin.as("POST", "/api/enrollments", { user_id: student.user.id, course_id: courseId });
    const changesBy = async (actor: string) => (await log(`actor=${actor}`)).flatMap((group) => group.changes);
    const before = await changesBy(admin.user.id);

    expect((await student.as("POST", `/api/lessons/${lesson.body.id}/progress`, { last_watched_position: 10 })).status).toBe(200);
    expect((await student.as("PUT", `/api/lessons/${lesson.body.id}/complete`, { completed: true })).status).toBe(200);
    const thread = await student.as("POST", `/api/courses/${courseId}/comments`, { content: "¡Qué ricas!" });
    expect((await student.as("PUT", `/api/comments/${thread.body.id}`, { content: "¡Qué ricas, de verdad!" })).status).toBe(200);
    expect((await student.as("DELETE", `/api/comments/${thread.body.id}`)).status).toBe(204);
    expect((await student.as("PUT", "/api/auth/me", { full_name: "Otra" })).status).toBe(200);

    expect(await log(`actor=${student.user.id}`)).toEqual([]);
    // The course's comments_count and the lesson's completion moved; the admin's earlier stamp on the course is no
    // reason to put those on the admin.
    expect(await changesBy(admin.user.id)).toEqual(before);
    expect(await log(`target=${thread.body.id}`)).toEqual([]);
  });
});

describe("concurrent requests of two admins", () => {
  it("each change is put on the admin whose request made it", async () => {
    const [ana, ben] = [await person("ADMIN"), await person("ADMIN")];
    const courses = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? ben : ana).as("POST", "/api/courses", { title: `Curso ${i}`, description: "d" })));
    await Promise.all(courses.map((course, i) => ((i + 1) % 2 ? ben : ana).as("PUT", `/api/courses/${course.body.id}`, { title: `Renombrado ${i}` })));
    for (const [i, course] of courses.entries()) {
      const history = await log(`target=${course.body.id}`);
      expect(history.map((group) => [group.route, group.actor.id])).toEqual([
        ["PUT /api/courses/{id}", ((i + 1) % 2 ? ben : ana).user.id],
        ["POST /api/courses", (i % 2 ? ben : ana).user.id],
      ]);
    }
  });
});

describe("GET /api/audit", () => {
  it("filters by time, pages by changes, and continues a request's group on the next page", async () => {
    const admin = await person("ADMIN");
    const course = await admin.as("POST", "/api/courses", { title: "Páginas", description: "d" });
    const courseId: string = course.body.id;
    const midway = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const lesson = await admin.as("POST", `/api/courses/${courseId}/lessons`, { title: "Una" });
    expect(lesson.status).toBe(201);

    const all = await log(`actor=${admin.user.id}`);
    expect(all.map((group) => group.route)).toEqual(["POST /api/courses/{id}/lessons", "POST /api/courses"]);
    expect((await log(`actor=${admin.user.id}&from=${midway}`)).map((group) => group.route)).toEqual(["POST /api/courses/{id}/lessons"]);
    expect((await log(`actor=${admin.user.id}&to=${midway}`)).map((group) => group.route)).toEqual(["POST /api/courses"]);
    expect((await log(`target=${courseId}&actor=${admin.user.id}&from=${midway}`)).map((group) => group.route)).toEqual(["POST /api/courses/{id}/lessons"]);

    // One change a page: the lesson's request (two changes) comes as two groups with its request id, one per page.
    const paged = await log(`actor=${admin.user.id}`, 1);
    expect(paged.map((group) => [group.request_id, group.changes.length])).toEqual([
      [all[0]!.request_id, 1],
      [all[0]!.request_id, 1],
      [all[1]!.request_id, 1],
    ]);
  });

  it("refuses bad filters and cursors with a 400 that names the field", async () => {
    const cases: Array<[string, string]> = [
      ["from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "query.to"],
      ["from=yesterday", "query.from"],
      ["actor=not-an-id", "query.actor"],
      ["target=", "query.target"],
      ["cursor=abc.def", "query.cursor"],
      ["what=ever", "query.what"],
    ];
    for (const [query, path] of cases) {
      const response = await root.as("GET", `/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors?.map((error: { path: string }) => error.path) ?? [path], query).toContain(path);
    }
  });
});
