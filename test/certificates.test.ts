import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBStreamEvent } from "aws-lambda";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { useTestApi, type ApiResponse } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn, type TestUser } from "./support/users";

/** Certificates (issue 17): issued once off the table's stream, a PDF anyone can verify. */
const api = useTestApi();
const run = promisify(execFile);
let adminToken: string;
let scratch: string;

const asAdmin = (method: string, path: string, body?: unknown) => api.request(method, path, { token: adminToken, body });

beforeAll(async () => {
  adminToken = (await signIn(api, await givenUser("ADMIN"))).access_token;
  scratch = await mkdtemp(path.join(tmpdir(), "dulcevicio-certificates-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Student {
  user: TestUser;
  as: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
}

async function courseWithLessons(count: number, title = "Pâtisserie: éclairs y croissants"): Promise<{ courseId: string; lessonIds: string[] }> {
  const courseId = (await asAdmin("POST", "/api/courses", { title, description: "d", estimated_duration_minutes: 150 })).body.id;
  const lessonIds: string[] = [];
  for (let i = 0; i < count; i += 1) lessonIds.push((await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: `Lección ${i + 1}`, order: i + 1 })).body.id);
  return { courseId, lessonIds };
}

async function enrolledStudent(courseId: string, fullName: string): Promise<Student> {
  const user = await givenUser("USER");
  expect((await asAdmin("PUT", `/api/users/${user.id}`, { full_name: fullName })).status).toBe(200);
  expect((await asAdmin("POST", "/api/enrollments", { user_id: user.id, course_id: courseId })).status).toBe(201);
  const token = (await signIn(api, user)).access_token;
  return { user, as: (method, path, body) => api.request(method, path, { token, body }) };
}

const complete = (student: Student, lessonId: string, completed = true) => student.as("PUT", `/api/lessons/${lessonId}/complete`, { completed });
const certificatesOf = async (userId: string) => (await db().entities.certificate.query.byUser({ user_id: userId }).go({ pages: "all" })).data;

/** The PDF as its owner downloads it: its bytes, `qpdf --check`, its text and the QR code read back from a rendering. */
async function downloaded(pdfUrl: string): Promise<{ text: string; qr: string | undefined; pages: number }> {
  const response = await fetch(pdfUrl);
  expect(response.status).toBe(200);
  const file = path.join(scratch, `${Date.now()}-${Math.random()}.pdf`);
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  await run("qpdf", ["--check", file]); // exits non-zero on any structural error
  const { stdout: pages } = await run("qpdf", ["--show-npages", file]);
  const { stdout: text } = await run("pdftotext", ["-enc", "UTF-8", file, "-"]);
  await run("pdftoppm", ["-png", "-r", "150", "-singlefile", file, file]);
  const { data, info } = await sharp(await readFile(`${file}.png`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
  return { text, qr: qr?.data, pages: Number(pages.trim()) };
}

describe("certificates", () => {
  it("are issued once the last active lesson is completed, with a PDF carrying the name, course, date, duration and a QR code to the verification", async () => {
    const { courseId, lessonIds } = await courseWithLessons(2);
    const ines = await enrolledStudent(courseId, "Inés Ñúñez Peña");

    await complete(ines, lessonIds[0]!);
    await workers().settle();
    expect(await certificatesOf(ines.user.id)).toEqual([]);

    const done = await complete(ines, lessonIds[1]!);
    expect(done.status).toBe(200);
    await workers().settle();
    const mine = await ines.as("GET", "/api/dashboard/my-certificates");
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const certificate = mine.body.items[0];
    expect(certificate).toMatchObject({
      course_id: courseId,
      course_title: "Pâtisserie: éclairs y croissants",
      full_name: "Inés Ñúñez Peña",
      completed_on: done.body.completed_at.slice(0, 10),
      status: "valid",
      pdf_status: "ready",
      verification_url: `http://localhost:5173/certificates/${certificate.id}`,
    });

    const pdf = await downloaded(certificate.pdf_url);
    expect(pdf.pages).toBe(1);
    for (const shown of ["Inés Ñúñez Peña", "Pâtisserie: éclairs y croissants", "2 h 30 min", certificate.id]) expect(pdf.text).toContain(shown);
    expect(pdf.qr).toBe(certificate.verification_url);

    // A lesson added later does not take it away; un-completing and completing again issues nothing more.
    await asAdmin("POST", `/api/courses/${courseId}/lessons`, { title: "Lección nueva", order: 9 });
    await complete(ines, lessonIds[1]!, false);
    await complete(ines, lessonIds[1]!, true);
    await workers().settle();
    expect((await ines.as("GET", "/api/dashboard/my-certificates")).body.items).toEqual([expect.objectContaining({ id: certificate.id, status: "valid" })]);
    expect(await certificatesOf(ines.user.id)).toHaveLength(1);
  });

  it("is issued exactly once when the completion event is delivered again, twice at once, and retried", async () => {
    const { courseId, lessonIds } = await courseWithLessons(1);
    const student = await enrolledStudent(courseId, "Raúl Gómez");
    await complete(student, lessonIds[0]!);
    // The same record as the stream carries it, delivered five times at once and in one batch three times over
    // (Lambda delivers at least once), racing the real delivery of the local stream.
    const { data: progress } = await db().entities.lessonProgress.get({ course_id: courseId, user_id: student.user.id, lesson_id: lessonIds[0]! }).go();
    const image = marshall({ ...progress, __edb_e__: "lessonProgress", __edb_v__: "1" }, { removeUndefinedValues: true }) as Record<string, AttributeValue>;
    const record = (sequence: number) => ({ eventName: "MODIFY", dynamodb: { SequenceNumber: String(sequence), NewImage: image, OldImage: { ...image, completed: { BOOL: false } } } });
    const event = { Records: [record(1), record(2), record(3)] } as unknown as DynamoDBStreamEvent;
    const { handler } = await import("../functions/certificates/issue");
    const context = { awsRequestId: "test", functionName: "Certificates" } as Context;
    const results = await Promise.all(Array.from({ length: 5 }, () => handler(event, context)));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ batchItemFailures: [] })));
    await workers().settle();

    const issued = await certificatesOf(student.user.id);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ course_id: courseId, pdf_status: "ready" });
    const { data: claim } = await db().entities.certificateClaim.get({ user_id: student.user.id, course_id: courseId }).go();
    expect(claim?.certificate_id).toBe(issued[0]!.certificate_id);
  });

  it("verification is public and says only valid or revoked, the name, the course and the date", async () => {
    const { courseId, lessonIds } = await courseWithLessons(1, "Turrones");
    const student = await enrolledStudent(courseId, "Àlex Müller");
    await complete(student, lessonIds[0]!);
    await workers().settle();
    const [certificate] = (await student.as("GET", "/api/dashboard/my-certificates")).body.items;

    const verified = await api.request("GET", `/api/certificates/${certificate.id}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ id: certificate.id, status: "valid", full_name: "Àlex Müller", course_title: "Turrones", completed_on: certificate.completed_on });

    const revoked = await asAdmin("POST", `/api/certificates/${certificate.id}/revoke`, { reason: "error de matrícula" });
    expect(revoked.status).toBe(200);
    expect((await api.request("GET", `/api/certificates/${certificate.id}`)).body).toEqual({ ...verified.body, status: "revoked" });
    const again = await asAdmin("POST", `/api/certificates/${certificate.id}/revoke`, {});
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
  });

  it("an unknown id is a 404 problem, a malformed one a 400", async () => {
    const unknown = await api.request("GET", "/api/certificates/01J00000000000000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect(unknown.body.detail).toMatch(/no certificate/);
    expect((await api.request("GET", "/api/certificates/not-an-id")).status).toBe(400);
  });

  it("an admin reissues after a change of name: a new certificate and PDF with the new name, the old one revoked", async () => {
    const { courseId, lessonIds } = await courseWithLessons(1, "Bombones");
    const student = await enrolledStudent(courseId, "Maria Lopez");
    await complete(student, lessonIds[0]!);
    await workers().settle();
    const [old] = (await student.as("GET", "/api/dashboard/my-certificates")).body.items;

    await asAdmin("PUT", `/api/users/${student.user.id}`, { full_name: "María López" });
    const reissued = await asAdmin("POST", `/api/certificates/${old.id}/reissue`);
    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ full_name: "María López", course_id: courseId, completed_on: old.completed_on, status: "valid" });
    expect((await asAdmin("POST", `/api/certificates/${old.id}/reissue`)).status).toBe(409);
    await workers().settle();

    expect((await api.request("GET", `/api/certificates/${old.id}`)).body.status).toBe("revoked");
    const mine = (await student.as("GET", "/api/dashboard/my-certificates")).body.items;
    const fresh = mine.find((item: { id: string }) => item.id === reissued.body.id);
    expect(fresh).toMatchObject({ status: "valid", pdf_status: "ready" });
    expect((await downloaded(fresh.pdf_url)).text).toContain("María López");
    const { data: claim } = await db().entities.certificateClaim.get({ user_id: student.user.id, course_id: courseId }).go();
    expect(claim?.certificate_id).toBe(reissued.body.id);
  });

  it("an admin lists one user's certificates, newest first with the revoked ones, and nobody else's", async () => {
    const { courseId, lessonIds } = await courseWithLessons(1, "Bombones");
    const lucia = await enrolledStudent(courseId, "Lucía Pérez");
    const other = await enrolledStudent(courseId, "Otro Alumno");
    await complete(lucia, lessonIds[0]!);
    await complete(other, lessonIds[0]!);
    await workers().settle();
    const [first] = (await lucia.as("GET", "/api/dashboard/my-certificates")).body.items;
    expect((await asAdmin("PUT", `/api/users/${lucia.user.id}`, { full_name: "Lucía Pérez Gil" })).status).toBe(200);
    const reissued = await asAdmin("POST", `/api/certificates/${first.id}/reissue`);
    expect(reissued.status).toBe(201);
    await workers().settle();

    const listed = await asAdmin("GET", `/api/users/${lucia.user.id}/certificates`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toMatchObject([
      { id: reissued.body.id, status: "valid", full_name: "Lucía Pérez Gil", pdf_status: "ready" },
      { id: first.id, status: "revoked" },
    ]);
    expect(listed.body.items[0].pdf_url).toMatch(/^http/);
    expect((await other.as("GET", `/api/users/${lucia.user.id}/certificates`)).status).toBe(403);
    expect((await asAdmin("GET", "/api/users/01ARZ3NDEKTSV4RRFFQ69G5FAV/certificates")).status).toBe(404);
  });
});
