import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock } from "../core/clock";
import { db } from "../core/db/service";
import { newId } from "../core/ids";
import { tokenFor } from "../core/notifications/unsubscribe";
import { routeKey, routes } from "../core/routes";
import { useTestApi } from "./support/api";
import { givenUser, signIn, type TestUser } from "./support/users";

/**
 * The authorization matrix: every route × every kind of caller, with the status each must get. Written as data;
 * a route in the route table that is neither here nor in COVERED_ELSEWHERE fails the test.
 */
const PERSONAS = [
  "anonymous",
  "noAccess",
  "enrolled",
  "enrolledExpired",
  "member",
  "memberExpired",
  "memberNotStarted",
  "admin",
  "deactivated",
] as const;
type Persona = (typeof PERSONAS)[number];
type Expectation = Record<Persona, number>;

const WITH_ACCESS: readonly Persona[] = ["enrolled", "member", "admin"];

/** Admin only: anonymous and deactivated callers are unauthenticated, everyone else forbidden. */
const adminOnly = (status: number): Expectation =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === "admin" ? status : p === "anonymous" || p === "deactivated" ? 401 : 403])) as Expectation;
/** Any signed-in, active user. */
const signedIn = (status: number): Expectation =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" || p === "deactivated" ? 401 : status])) as Expectation;
/** A public route: every caller, signed in or not. */
const everyone = (status: number): Expectation => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Expectation;
/** Course content: only callers the access rule admits. */
const withAccess = (status: number): Expectation =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" || p === "deactivated" ? 401 : WITH_ACCESS.includes(p) ? status : 403])) as Expectation;

/** Routes whose authorization is tested in their own files (auth flows, health). */
const COVERED_ELSEWHERE = new Set([
  "GET /api/health",
  "GET /.well-known/jwks.json",
  "POST /api/auth/login",
  "POST /api/auth/refresh",
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "PUT /api/auth/me",
  "PUT /api/auth/change-password",
  "GET /api/openapi.json",
  "GET /api/docs",
  "GET /api/docs/{asset}",
]);

interface Fixtures {
  courseId: string;
  lessonId: string;
  recipeId: string;
  bystander: TestUser;
}

interface Cell {
  path: string;
  body?: unknown;
}

/** How to call each route. `prepare` runs once per route (before the callers, admin last): it may create what a DELETE removes. */
const MATRIX: Record<string, { expect: Expectation; prepare: (f: Fixtures) => Promise<Cell> }> = {
  "GET /api/users": { expect: adminOnly(200), prepare: async () => ({ path: "/api/users" }) },
  "POST /api/users": {
    expect: adminOnly(201),
    prepare: async () => ({ path: "/api/users", body: { email: `matrix-${newId().toLowerCase()}@example.com`, password: "a fine password", full_name: "M" } }),
  },
  "GET /api/users/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/users/${f.bystander.id}` }) },
  "PUT /api/users/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/users/${f.bystander.id}`, body: { full_name: "Renamed" } }) },
  "DELETE /api/users/{id}": { expect: adminOnly(204), prepare: async () => ({ path: `/api/users/${(await givenUser("USER")).id}` }) },
  "GET /api/users/{id}/progress": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/users/${f.bystander.id}/progress` }) },

  "GET /api/courses": { expect: signedIn(200), prepare: async () => ({ path: "/api/courses" }) },
  "POST /api/courses": { expect: adminOnly(201), prepare: async () => ({ path: "/api/courses", body: { title: "Nuevo", description: "d" } }) },
  "GET /api/courses/{id}": { expect: signedIn(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}` }) },
  "PUT /api/courses/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}`, body: { description: "nueva" } }) },
  "DELETE /api/courses/{id}": { expect: adminOnly(204), prepare: async () => ({ path: `/api/courses/${await throwawayCourse()}` }) },
  "PUT /api/courses/{id}/whatsapp-group": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/courses/${f.courseId}/whatsapp-group`, body: { whatsapp_group_url: "https://chat.whatsapp.com/AbCdEf1234567890" } }),
  },
  "POST /api/courses/{id}/upload-thumbnail": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/courses/${f.courseId}/upload-thumbnail`, body: { content_type: "image/png" } }),
  },
  "POST /api/courses/{id}/generate-recipe-pdf": { expect: adminOnly(202), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/generate-recipe-pdf` }) },
  "POST /api/lessons/{id}/upload-video": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/upload-video`, body: { content_type: "video/mp4" } }),
  },
  // Media issue #14 item 4: videos in parts. The upload is the admin persona's own (another admin's is a 404).
  "POST /api/lessons/{id}/video-uploads": {
    expect: adminOnly(201),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/video-uploads`, body: { content_type: "video/mp4", size: 20 * 1024 * 1024 } }),
  },
  "GET /api/lessons/{id}/video-uploads/{upload_id}": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/video-uploads/${await videoUpload(f.lessonId)}` }),
  },
  "POST /api/lessons/{id}/video-uploads/{upload_id}/complete": {
    // Nothing uploaded yet: the admin gets the 409 that names the missing part, everyone else never reaches it.
    expect: adminOnly(409),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/video-uploads/${await videoUpload(f.lessonId)}/complete` }),
  },
  "DELETE /api/lessons/{id}/video-uploads/{upload_id}": {
    expect: adminOnly(204),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/video-uploads/${await videoUpload(f.lessonId)}` }),
  },
  "POST /api/recipes/{id}/upload-image": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/recipes/${f.recipeId}/upload-image`, body: { content_type: "image/jpeg" } }),
  },
  // Media issue #14.
  "POST /api/auth/me/upload-avatar": { expect: signedIn(200), prepare: async () => ({ path: "/api/auth/me/upload-avatar", body: { content_type: "image/heic" } }) },
  // OCR (issue 15): a recipe whose photo is ready, written straight to the table (the queued read finds no object: stale).
  "POST /api/recipes/{id}/ocr": { expect: adminOnly(202), prepare: async (f) => ({ path: `/api/recipes/${await recipeWithPhoto(f.courseId)}/ocr` }) },
  "POST /api/recipes/{id}/upload-pdf": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/recipes/${f.recipeId}/upload-pdf`, body: { content_type: "application/pdf" } }),
  },
  "GET /api/courses/{id}/students": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/students` }) },

  "GET /api/courses/{id}/lessons": { expect: signedIn(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/lessons` }) },
  "POST /api/courses/{id}/lessons": { expect: adminOnly(201), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/lessons`, body: { title: "Otra" } }) },
  "GET /api/lessons/{id}": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}` }) },
  "PUT /api/lessons/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}`, body: { description: "x" } }) },
  "DELETE /api/lessons/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/lessons/${await throwaway(f.courseId, "lessons")}` }) },

  "GET /api/courses/{id}/recipes": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/recipes` }) },
  "POST /api/courses/{id}/recipes": { expect: adminOnly(201), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/recipes`, body: { title: "Otra" } }) },
  "GET /api/recipes/{id}": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/recipes/${f.recipeId}` }) },
  "PUT /api/recipes/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/recipes/${f.recipeId}`, body: { description: "x" } }) },
  "DELETE /api/recipes/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/recipes/${await throwaway(f.courseId, "recipes")}` }) },

  "GET /api/courses/{id}/progress": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/progress` }) },
  "POST /api/lessons/{id}/progress": {
    expect: withAccess(200),
    prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/progress`, body: { last_watched_position: 42 } }),
  },
  "PUT /api/lessons/{id}/complete": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/lessons/${f.lessonId}/complete`, body: { completed: true } }) },

  "GET /api/courses/{id}/comments": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/comments` }) },
  "POST /api/courses/{id}/comments": { expect: withAccess(201), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/comments`, body: { content: "Hola" } }) },
  "GET /api/comments/{id}": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}` }) },
  // The admin wrote it: only its author edits it, so everyone else is refused, like an admin-only route.
  "PUT /api/comments/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}`, body: { content: "Editado" } }) },
  "DELETE /api/comments/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}` }) },
  "POST /api/comments/{id}/reply": { expect: withAccess(201), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}/reply`, body: { content: "Gracias" } }) },
  // Reactions (issue 17): forum content, for those the access rule admits.
  "PUT /api/comments/{id}/reactions/{kind}": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}/reactions/yum` }) },
  "DELETE /api/comments/{id}/reactions/{kind}": { expect: withAccess(200), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}/reactions/yum` }) },
  "PUT /api/comments/{id}/moderate": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/comments/${await adminComment(f.courseId)}/moderate`, body: { is_active: false } }) },

  "GET /api/dashboard/stats": { expect: adminOnly(200), prepare: async () => ({ path: "/api/dashboard/stats" }) },
  "GET /api/dashboard/activity": { expect: adminOnly(200), prepare: async () => ({ path: "/api/dashboard/activity?days=7" }) },
  "GET /api/dashboard/my-courses": { expect: signedIn(200), prepare: async () => ({ path: "/api/dashboard/my-courses" }) },
  "GET /api/dashboard/my-progress": { expect: signedIn(200), prepare: async () => ({ path: "/api/dashboard/my-progress" }) },

  "GET /api/enrollments": { expect: adminOnly(200), prepare: async () => ({ path: "/api/enrollments" }) },
  "POST /api/enrollments": {
    expect: adminOnly(201),
    prepare: async (f) => ({ path: "/api/enrollments", body: { user_id: f.bystander.id, course_id: await throwawayCourse() } }),
  },
  "GET /api/enrollments/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/enrollments/${await enrollment(f.bystander.id)}` }) },
  "PUT /api/enrollments/{id}": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/enrollments/${await enrollment(f.bystander.id)}`, body: { is_active: true } }),
  },
  "DELETE /api/enrollments/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/enrollments/${await enrollment(f.bystander.id)}` }) },

  "GET /api/memberships": { expect: adminOnly(200), prepare: async () => ({ path: "/api/memberships" }) },
  "POST /api/memberships": {
    expect: adminOnly(201),
    prepare: async (f) => ({ path: "/api/memberships", body: { user_id: f.bystander.id, start_date: hoursFromNow(-1), end_date: hoursFromNow(1) } }),
  },
  "GET /api/memberships/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/memberships/${await membership(f.bystander.id, -1, 1)}` }) },
  "PUT /api/memberships/{id}": {
    expect: adminOnly(200),
    prepare: async (f) => ({ path: `/api/memberships/${await membership(f.bystander.id, -1, 1)}`, body: { notes: "extendida" } }),
  },
  "DELETE /api/memberships/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/memberships/${await membership(f.bystander.id, -1, 1)}` }) },

  // notifications: each caller's own; the same id is written to every caller's partition, so each may mark it read.
  "GET /api/notifications": { expect: signedIn(200), prepare: async () => ({ path: "/api/notifications" }) },
  "PUT /api/notifications/{id}/read": { expect: signedIn(200), prepare: async () => ({ path: `/api/notifications/${await notificationOfEveryone()}/read` }) },
  "POST /api/notifications/read-all": { expect: signedIn(200), prepare: async () => ({ path: "/api/notifications/read-all" }) },
  "GET /api/auth/me/notifications": { expect: signedIn(200), prepare: async () => ({ path: "/api/auth/me/notifications" }) },
  "PUT /api/auth/me/notifications": { expect: signedIn(200), prepare: async () => ({ path: "/api/auth/me/notifications", body: { email: { new_lessons: false } } }) },
  // The links of emails: no sign-in, the signed token is the authorization (a forged one: test/notifications.test.ts).
  "GET /api/notifications/unsubscribe": {
    expect: Object.fromEntries(PERSONAS.map((p) => [p, 200])) as Expectation,
    prepare: async (f) => ({ path: `/api/notifications/unsubscribe?token=${tokenFor({ userId: f.bystander.id, topic: "forum" })}` }),
  },
  "POST /api/notifications/unsubscribe": {
    expect: Object.fromEntries(PERSONAS.map((p) => [p, 200])) as Expectation,
    prepare: async (f) => ({ path: `/api/notifications/unsubscribe?token=${tokenFor({ userId: f.bystander.id, topic: "forum" })}` }),
  },

  // Certificates (issue 17): verification is public, whoever asks (a token, even a refused one, changes nothing).
  "GET /api/certificates/{id}": { expect: everyone(200), prepare: async (f) => ({ path: `/api/certificates/${await certificate(f.bystander.id, f.courseId)}` }) },
  "POST /api/certificates/{id}/revoke": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/certificates/${await certificate(f.bystander.id, await throwawayCourse())}/revoke`, body: {} }) },
  "POST /api/certificates/{id}/reissue": { expect: adminOnly(201), prepare: async (f) => ({ path: `/api/certificates/${await certificate(f.bystander.id, await throwawayCourse())}/reissue` }) },
  "GET /api/dashboard/my-certificates": { expect: signedIn(200), prepare: async () => ({ path: "/api/dashboard/my-certificates" }) },

  // Reviews (issue 17): read by anyone who sees the course, written by those the access rule admits.
  "GET /api/courses/{id}/reviews": { expect: signedIn(200), prepare: async (f) => ({ path: `/api/courses/${f.courseId}/reviews` }) },
  "POST /api/courses/{id}/review": { expect: withAccess(201), prepare: async () => ({ path: `/api/courses/${await reviewedCourse(false)}/review`, body: { rating: 4 } }) },
  "PUT /api/courses/{id}/review": { expect: withAccess(200), prepare: async () => ({ path: `/api/courses/${await reviewedCourse(true)}/review`, body: { rating: 2 } }) },
  "DELETE /api/courses/{id}/review": { expect: withAccess(204), prepare: async () => ({ path: `/api/courses/${await reviewedCourse(true)}/review` }) },
  "PUT /api/reviews/{id}/moderate": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/reviews/${await review(f.bystander.id)}/moderate`, body: { is_active: false } }) },
  // Learning paths (issue 17): read by anyone signed in, but a path shows only to those who can open one of its
  // courses (anyone else: 404, as a course they cannot see); written by admins.
  "GET /api/paths": { expect: signedIn(200), prepare: async () => ({ path: "/api/paths" }) },
  "POST /api/paths": { expect: adminOnly(201), prepare: async (f) => ({ path: "/api/paths", body: { title: "Ruta", course_ids: [f.courseId] } }) },
  "GET /api/paths/{id}": {
    expect: Object.fromEntries(PERSONAS.map((p) => [p, withAccess(200)[p] === 403 ? 404 : withAccess(200)[p]])) as Expectation,
    prepare: async (f) => ({ path: `/api/paths/${await learningPath(f.courseId)}` }),
  },
  "PUT /api/paths/{id}": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/paths/${await learningPath(f.courseId)}`, body: { title: "Otra ruta" } }) },
  "DELETE /api/paths/{id}": { expect: adminOnly(204), prepare: async (f) => ({ path: `/api/paths/${await learningPath(f.courseId)}` }) },
  "GET /api/audit": { expect: adminOnly(200), prepare: async () => ({ path: "/api/audit" }) },
  // Search (issue 15): anyone signed in; what each caller finds is test/search.test.ts.
  "GET /api/search": { expect: signedIn(200), prepare: async () => ({ path: "/api/search?q=tarta" }) },
  "POST /api/enrollments/import": { expect: adminOnly(201), prepare: async () => ({ path: "/api/enrollments/import", body: { content_type: "text/csv" } }) },
  "GET /api/enrollments/import/{id}": { expect: adminOnly(200), prepare: async () => ({ path: `/api/enrollments/import/${await enrollmentImport()}` }) },
  // Not yet uploaded: an admin gets past the authorization to the import's own refusal.
  "POST /api/enrollments/import/{id}/apply": { expect: adminOnly(409), prepare: async () => ({ path: `/api/enrollments/import/${await enrollmentImport()}/apply` }) },
  "GET /api/users/{id}/export": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/users/${f.bystander.id}/export` }) },
  "GET /api/auth/me/export": { expect: signedIn(200), prepare: async () => ({ path: "/api/auth/me/export" }) },
  "GET /api/users/{id}/certificates": { expect: adminOnly(200), prepare: async (f) => ({ path: `/api/users/${f.bystander.id}/certificates` }) },
};

const api = useTestApi();
const tokens = {} as Record<Persona, string | undefined>;
let fixtures: Fixtures;
let adminId: string;
const personaIds: string[] = [];
let enrolledId: string;

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function enrollmentImport(): Promise<string> {
  const response = await api.request("POST", "/api/enrollments/import", { token: tokens.admin, body: { content_type: "text/csv" } });
  return response.body.import.id;
}

/** A multipart video upload the admin persona started. */
async function videoUpload(lessonId: string): Promise<string> {
  const response = await api.request("POST", `/api/lessons/${lessonId}/video-uploads`, { token: tokens.admin, body: { content_type: "video/mp4", size: 1000 } });
  return response.body.upload_id;
}

async function throwawayCourse(): Promise<string> {
  const response = await api.request("POST", "/api/courses", { token: tokens.admin, body: { title: "Desechable", description: "d" } });
  return response.body.id;
}

async function throwaway(courseId: string, kind: "lessons" | "recipes"): Promise<string> {
  const response = await api.request("POST", `/api/courses/${courseId}/${kind}`, { token: tokens.admin, body: { title: "Desechable" } });
  return response.body.id;
}

async function recipeWithPhoto(courseId: string): Promise<string> {
  const recipeId = await throwaway(courseId, "recipes");
  await db()
    .entities.recipe.patch({ course_id: courseId, recipe_id: recipeId })
    .set({ source: "image", image_status: "ready", image_key: `media/recipes/${courseId}/${recipeId}/${newId()}.jpg`, image_width: 100, image_height: 100 })
    .go();
  return recipeId;
}

async function adminComment(courseId: string): Promise<string> {
  const response = await api.request("POST", `/api/courses/${courseId}/comments`, { token: tokens.admin, body: { content: "Bienvenidos al foro" } });
  return response.body.id;
}

/** Grants written straight to the table, so the matrix does not depend on the endpoints it tests. */
async function enrollment(userId: string, courseId?: string, expiresAt?: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db()
    .entities.enrollment.create({
      enrollment_id: id,
      user_id: userId,
      course_id: courseId ?? (await throwawayCourse()),
      enrolled_at: now,
      expires_at: expiresAt,
      granted_by: adminId,
      updated_at: now,
    })
    .go();
  return id;
}

/** One notification with the same id in every signed-in persona's partition (written straight to the table). */
async function notificationOfEveryone(): Promise<string> {
  const id = newId();
  const now = new Date();
  for (const userId of personaIds) {
    await db()
      .entities.notification.create({
        user_id: userId,
        notification_id: id,
        kind: "access_granted",
        event_key: `matrix:${id}`,
        title: "t",
        body: "b",
        link: "http://localhost:5173/courses",
        created_at: now.toISOString(),
        delivered_at: now.toISOString(),
        expires_at_epoch: Math.floor(now.getTime() / 1000) + 86_400,
      })
      .go();
  }
  return id;
}

async function membership(userId: string, startHours: number, endHours: number): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db()
    .entities.membership.create({
      membership_id: id,
      user_id: userId,
      start_date: hoursFromNow(startHours),
      end_date: hoursFromNow(endHours),
      granted_by: adminId,
      created_at: now,
      updated_at: now,
    })
    .go();
  return id;
}

/**
 * A course every persona with access reaches (the enrolled one through an enrollment written here, the member and
 * the admin anyway), reviewed already by each of them when `reviewed`.
 */
async function reviewedCourse(reviewed: boolean): Promise<string> {
  const courseId = await throwawayCourse();
  await enrollment(enrolledId, courseId);
  if (reviewed) {
    for (const persona of WITH_ACCESS) {
      const response = await api.request("POST", `/api/courses/${courseId}/review`, { token: tokens[persona], body: { rating: 5 } });
      expect(response.status).toBe(201);
    }
  }
  return courseId;
}

/** A learning path of one course, written straight to the table. */
async function learningPath(courseId: string): Promise<string> {
  const id = newId();
  const now = clock.now().toISOString();
  await db().entities.learningPath.create({ path_id: id, title: "Ruta", description: "", course_ids: [courseId], is_active: true, created_by: adminId, created_at: now, updated_at: now }).go();
  return id;
}

/** A review written straight to the table (its course's rating is not what the matrix checks). */
async function review(userId: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db().entities.review.create({ review_id: id, course_id: await throwawayCourse(), user_id: userId, rating: 3, is_active: true, created_at: now, updated_at: now }).go();
  return id;
}

/** A certificate and its claim, as the certificate consumer writes them. */
async function certificate(userId: string, courseId: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db()
    .transaction.write(({ certificate: certificates, certificateClaim }) => [
      certificates.create({ certificate_id: id, user_id: userId, course_id: courseId, full_name: "M", course_title: "Curso", course_duration_minutes: 0, completed_at: now, issued_at: now, updated_at: now }).commit(),
      certificateClaim.create({ user_id: userId, course_id: courseId, certificate_id: id, created_at: now, updated_at: now }).commit(),
    ])
    .go();
  return id;
}

beforeAll(async () => {
  const admin = await givenUser("ADMIN");
  adminId = admin.id;
  tokens.admin = (await signIn(api, admin)).access_token;

  const course = await api.request("POST", "/api/courses", { token: tokens.admin, body: { title: "Curso de la matriz", description: "d" } });
  const courseId = course.body.id as string;
  const lesson = await api.request("POST", `/api/courses/${courseId}/lessons`, { token: tokens.admin, body: { title: "No es preview" } });
  const recipe = await api.request("POST", `/api/courses/${courseId}/recipes`, { token: tokens.admin, body: { title: "Receta" } });
  fixtures = { courseId, lessonId: lesson.body.id, recipeId: recipe.body.id, bystander: await givenUser("USER") };

  const people = Object.fromEntries(
    await Promise.all((["noAccess", "enrolled", "enrolledExpired", "member", "memberExpired", "memberNotStarted", "deactivated"] as const).map(async (p) => [p, await givenUser("USER")])),
  ) as Record<Exclude<Persona, "anonymous" | "admin">, TestUser>;
  await enrollment(people.enrolled.id, courseId);
  enrolledId = people.enrolled.id;
  await enrollment(people.enrolledExpired.id, courseId, hoursFromNow(-1));
  await membership(people.member.id, -24, 24);
  await membership(people.memberExpired.id, -48, -24);
  await membership(people.memberNotStarted.id, 24, 48);
  await enrollment(people.deactivated.id, courseId);
  for (const [persona, user] of Object.entries(people)) tokens[persona as Persona] = (await signIn(api, user)).access_token;
  personaIds.push(admin.id, ...Object.values(people).map((user) => user.id));
  // Deactivated after signing in: their token is unexpired, and must be refused anyway.
  await db().entities.user.patch({ user_id: people.deactivated.id }).set({ is_active: false }).go();
});

describe("authorization matrix", () => {
  it("names every route of the route table", () => {
    const unclassified = routes.map(routeKey).filter((key) => !(key in MATRIX) && !COVERED_ELSEWHERE.has(key));
    expect(unclassified).toEqual([]);
    const stale = Object.keys(MATRIX).filter((key) => !routes.some((route) => routeKey(route) === key));
    expect(stale).toEqual([]);
  });

  for (const [key, { expect: expected, prepare }] of Object.entries(MATRIX)) {
    it(key, async () => {
      const [method, template] = key.split(" ") as [string, string];
      const cell = await prepare(fixtures);
      expect(cell.path).not.toMatch(/[{}]/);
      const actual = {} as Record<Persona, number>;
      // Admin last: a successful DELETE or POST must not change what the others are asked about.
      for (const persona of [...PERSONAS.filter((p) => p !== "admin"), "admin"] as Persona[]) {
        const response = await api.request(method, cell.path, { token: tokens[persona], body: cell.body });
        actual[persona] = response.status;
        expect(response.dynamoCommands, "no request path scans").not.toContain("Scan");
        if (response.status >= 400) expect(response.headers.get("content-type"), `${persona} ${template}`).toBe("application/problem+json");
      }
      expect(actual).toEqual(expected);
    });
  }
});

describe("access rule edges, with the clock", () => {
  const realNow = clock.now;
  afterEach(() => {
    clock.now = realNow;
  });

  async function statusAt(at: Date, token: string): Promise<number> {
    clock.now = () => at;
    return (await api.request("GET", `/api/lessons/${fixtures.lessonId}`, { token })).status;
  }

  it("an enrollment opens the course until one second before expires_at and not one second after", async () => {
    const user = await givenUser("USER");
    const expiresAt = new Date(Date.now() + 3_600_000);
    await enrollment(user.id, fixtures.courseId, expiresAt.toISOString());
    const token = (await signIn(api, user)).access_token;
    expect(await statusAt(new Date(expiresAt.getTime() - 1000), token)).toBe(200);
    expect(await statusAt(expiresAt, token)).toBe(403);
    expect(await statusAt(new Date(expiresAt.getTime() + 1000), token)).toBe(403);
  });

  it("a membership opens every course from start_date until one second before end_date", async () => {
    const user = await givenUser("USER");
    const id = newId();
    const start = new Date(Date.now() + 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    const now = new Date().toISOString();
    await db()
      .entities.membership.create({ membership_id: id, user_id: user.id, start_date: start.toISOString(), end_date: end.toISOString(), granted_by: adminId, created_at: now, updated_at: now })
      .go();
    const token = (await signIn(api, user)).access_token;
    expect(await statusAt(new Date(start.getTime() - 1000), token)).toBe(403);
    expect(await statusAt(start, token)).toBe(200);
    expect(await statusAt(new Date(end.getTime() - 1000), token)).toBe(200);
    expect(await statusAt(new Date(end.getTime() + 1000), token)).toBe(403);
  });

  it("a switched-off enrollment or membership opens nothing, even within its dates", async () => {
    const user = await givenUser("USER");
    await db()
      .entities.enrollment.create({ enrollment_id: newId(), user_id: user.id, course_id: fixtures.courseId, enrolled_at: hoursFromNow(0), is_active: false, granted_by: adminId, updated_at: hoursFromNow(0) })
      .go();
    const membershipId = await membership(user.id, -1, 1);
    await db().entities.membership.patch({ user_id: user.id, membership_id: membershipId }).set({ is_active: false }).go();
    const token = (await signIn(api, user)).access_token;
    expect((await api.request("GET", `/api/lessons/${fixtures.lessonId}`, { token })).status).toBe(403);
  });

  it("a preview lesson opens to any signed-in user, with or without access", async () => {
    const preview = await api.request("POST", `/api/courses/${fixtures.courseId}/lessons`, { token: tokens.admin, body: { title: "Gratis", is_preview: true } });
    for (const persona of ["noAccess", "enrolledExpired", "memberExpired", "memberNotStarted", "enrolled", "member", "admin"] as const) {
      expect((await api.request("GET", `/api/lessons/${preview.body.id}`, { token: tokens[persona] })).status, persona).toBe(200);
    }
    expect((await api.request("GET", `/api/lessons/${preview.body.id}`)).status).toBe(401);
  });
});
