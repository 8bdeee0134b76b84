import { runAs } from "../audit/origin";
import type { Caller } from "../auth/caller";
import { clock, epochSeconds } from "../clock";
import type { CourseRecord } from "../courses/views";
import type { EnrollmentRecord } from "../access/access";
import { getAll } from "../db/batch";
import type { EntityItem } from "electrodb";
import type { EnrollmentImportEntity, ImportStatus } from "../db/entities/enrollment-import";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import * as Enrollments from "../enrollments/enrollments";
import { conflict, notFound, ProblemError } from "../http/problem";
import { Id, newId } from "../ids";
import { enrollmentCsvKey, importFileKey } from "../media/keys";
import * as Storage from "../media/storage";
import { presignEnrollmentCsv, UPLOAD_RULES } from "../media/uploads";
import { CsvError, writeCsv } from "./csv";
import { isEmail, parseEndDate, ROW_RESULTS, rowsOf, titleKey, type CsvRow, type RowResult } from "./rows";
import type { ImportResponse, ReportRow, StartImportResponse } from "./schemas";

/**
 * Bulk enrollment from a CSV (`email, course id or title, end date?`), off the request:
 *
 * 1. `start`: the import item (`awaiting_upload`) and a presigned POST for its one key under uploads/.
 * 2. The Uploads consumer sees the file land and moves the import to `checking` (core/imports/uploaded.ts).
 * 3. The EnrollmentImports stream consumer (`process`) copies the file under imports/ (what is checked is what
 *    gets applied, whatever is uploaded later), and writes the dry run's report: `checked`.
 * 4. `apply` (an admin, after reading the report): `applying`; the consumer applies the copy row by row, as the
 *    admin's request for the audit log, and writes the applied report: `applied`.
 *
 * Applying is idempotent: each row is decided against what is stored when it is applied, so the same file again
 * (or a redelivered stream record) finds its enrollments there and changes nothing.
 */

const KEPT_DAYS = 30;
const REPORT_LINK_SECONDS = 15 * 60;
const SOURCE = "source.csv";
const reportName = (phase: Phase, format: "json" | "csv") => `${phase === "check" ? "dry-run" : "applied"}.${format}`;

type Phase = "check" | "apply";

const noImport = (importId: string) => notFound(`There is no enrollment import with id ${importId}.`);

export async function start(caller: Caller, filename: string | undefined, contentType: string): Promise<StartImportResponse> {
  const now = clock.now();
  const item = {
    import_id: newId(),
    created_by: caller.id,
    created_at: now.toISOString(),
    ...(filename ? { filename } : {}),
    status: "awaiting_upload" as const,
    updated_at: now.toISOString(),
    expires_at_epoch: epochSeconds(now) + KEPT_DAYS * 24 * 3600,
  };
  await db().entities.enrollmentImport.create(item).go({ response: "none" });
  const upload = await presignEnrollmentCsv(item.import_id, contentType);
  return { import: await present(item), upload };
}

type ImportItem = EntityItem<typeof EnrollmentImportEntity>;

async function find(importId: string): Promise<ImportItem> {
  const { data } = await db().entities.enrollmentImport.get({ import_id: importId }).go({ consistent: true });
  if (!data) throw noImport(importId);
  return data;
}

export async function get(importId: string): Promise<ImportResponse> {
  return present(await find(importId));
}

/**
 * The admin applies a checked import. One conditional UpdateItem: only a checked one, and only once (applying it
 * again would change nothing anyway: upload the file again for a new dry run).
 */
export async function apply(caller: Caller, importId: string, requestId: string): Promise<ImportResponse> {
  const now = clock.now().toISOString();
  try {
    const { data } = await db()
      .entities.enrollmentImport.patch({ import_id: importId })
      .set({ status: "applying", applied_by: caller.id, applied_at: now, apply_request_id: requestId, updated_at: now })
      .where((attr, op) => op.eq(attr.status, "checked"))
      .go({ response: "all_new" });
    return present(data as ImportItem);
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  const current = await find(importId);
  const why: Record<ImportStatus, string> = {
    awaiting_upload: "its file has not been uploaded yet: upload it with the presigned POST, then read its dry run here",
    checking: "its dry run is still being made: apply it once its status is checked",
    checked: "it changed meanwhile: read it again",
    applying: "it is being applied already",
    applied: "it has been applied already: to import the file again, start a new import (rows already in place change nothing)",
    failed: "its file could not be read: start a new import with a corrected file",
  };
  throw conflict(`Import ${importId} cannot be applied: ${why[current.status]}.`);
}

/** The stream consumer's step for an import that just entered `checking` or `applying`. */
export async function process(importId: string, phase: Phase): Promise<void> {
  const item = await find(importId);
  if (item.status !== (phase === "check" ? "checking" : "applying")) return; // a redelivery after the step finished
  let rows: CsvRow[];
  try {
    rows = rowsOf(await source(item, phase));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return finish(item, phase, { status: "failed", error: error.message });
  }
  const report =
    phase === "check"
      ? await decide(rows)
      : // Every enrollment the import writes is the applying admin's, in the audit log under their request.
        await runAs({ actor: item.applied_by!, route: "POST /api/enrollments/import/{id}/apply", request: item.apply_request_id!, at: item.applied_at! }, () =>
          decide(rows, item.applied_by!),
        );
  const summary = summarize(report);
  await Promise.all([
    Storage.write(importFileKey(item.import_id, reportName(phase, "json")), Buffer.from(JSON.stringify(report)), "application/json"),
    Storage.write(importFileKey(item.import_id, reportName(phase, "csv")), Buffer.from(reportCsv(report)), "text/csv; charset=utf-8"),
  ]);
  await finish(item, phase, phase === "check" ? { status: "checked", checked_summary: summary } : { status: "applied", applied_summary: summary });
}

/** The file to read: at the check, the upload, copied under imports/ and then removed; when applying, that copy. */
async function source(item: ImportItem, phase: Phase): Promise<Uint8Array> {
  const copy = importFileKey(item.import_id, SOURCE);
  const maxBytes = UPLOAD_RULES["enrollment-csv"].maxBytes;
  if (phase === "apply") {
    const object = await Storage.read(copy, maxBytes);
    if (!object || "tooLarge" in object) throw new Error(`import ${item.import_id} lost its checked copy`);
    return object.bytes;
  }
  const upload = enrollmentCsvKey(item.import_id);
  const object = await Storage.read(upload, maxBytes);
  if (!object) {
    const kept = await Storage.read(copy, maxBytes); // a redelivery after the upload was copied and removed
    if (kept && !("tooLarge" in kept)) return kept.bytes;
    throw new CsvError("The uploaded file is gone: start a new import and upload the file again.");
  }
  if ("tooLarge" in object) throw new CsvError(`The file is larger than ${maxBytes / 1024 / 1024} MB: an import takes at most 5,000 rows.`);
  await Storage.write(copy, object.bytes, "text/csv");
  await Storage.remove(upload);
  return object.bytes;
}

async function finish(item: ImportItem, phase: Phase, changes: Record<string, unknown>): Promise<void> {
  try {
    await db()
      .entities.enrollmentImport.patch({ import_id: item.import_id })
      .set({ ...changes, updated_at: clock.now().toISOString() })
      .where((attr, op) => op.eq(attr.status, phase === "check" ? "checking" : "applying"))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error; // another delivery finished it first
  }
}

interface Lookups {
  users: Map<string, string>;
  coursesById: Map<string, CourseRecord>;
  coursesByTitle: Map<string, CourseRecord[]>;
}

/** Every email (BatchGetItem of their identifiers, 100 a request) and every live course (one Query of gsi1, all pages). */
async function lookups(rows: CsvRow[]): Promise<Lookups> {
  const emails = [...new Set(rows.map((row) => row.email.toLowerCase()).filter(isEmail))];
  const [identifiers, courses] = await Promise.all([
    getAll(
      emails.map((value) => ({ kind: "email" as "email" | "username", value })),
      (keys) => db().entities.identifier.get(keys).go(),
    ),
    db().entities.course.query.all({}).go({ pages: "all" }),
  ]);
  const live = (courses.data as CourseRecord[]).filter((course) => course.lifecycle === "live");
  const coursesByTitle = new Map<string, CourseRecord[]>();
  for (const course of live) coursesByTitle.set(titleKey(course.title), [...(coursesByTitle.get(titleKey(course.title)) ?? []), course]);
  return {
    users: new Map(identifiers.map((identifier) => [identifier.value, identifier.user_id])),
    coursesById: new Map(live.map((course) => [course.course_id, course])),
    coursesByTitle,
  };
}

type Resolved = { row: CsvRow; user_id: string; course: CourseRecord; expires_at: string | null } | { row: CsvRow; result: RowResult; detail: string };

function resolve(row: CsvRow, { users, coursesById, coursesByTitle }: Lookups, now: Date): Resolved {
  if (row.email === "" || row.course === "") return { row, result: "invalid", detail: "A row needs an email and a course (its id or its title)." };
  const email = row.email.toLowerCase();
  if (!isEmail(email)) return { row, result: "unknown_email", detail: `"${row.email}" is not an email address.` };
  const user_id = users.get(email);
  if (!user_id) return { row, result: "unknown_email", detail: `Nobody has the email ${email}: create the user first.` };
  const byTitle = coursesByTitle.get(titleKey(row.course)) ?? [];
  const course = Id.safeParse(row.course).success && coursesById.has(row.course) ? coursesById.get(row.course) : byTitle.length === 1 ? byTitle[0] : undefined;
  if (!course) {
    return byTitle.length > 1
      ? { row, result: "unknown_course", detail: `${byTitle.length} courses are titled "${row.course}": give the course's id instead.` }
      : { row, result: "unknown_course", detail: `There is no course with the id or title "${row.course}".` };
  }
  const date = parseEndDate(row.expires_at);
  if (!date) return { row, result: "bad_date", detail: `"${row.expires_at}" is not a date: write it as 2027-06-30 or 30/06/2027, or leave it empty for no end.` };
  if (date.expires_at !== null && new Date(date.expires_at) <= now) return { row, result: "bad_date", detail: `${row.expires_at} has already passed: an end date must be in the future.` };
  return { row, user_id, course, expires_at: date.expires_at };
}

/**
 * Each row's result against what is stored: one BatchGetItem of the enrollments the rows name, 100 keys a request.
 * With `grantedBy`, it is also done, row after row (concurrent enrollments in one course would only fight over its
 * counter): an enrollment created, or an end date moved later, each conditional on what was read.
 */
async function decide(rows: CsvRow[], grantedBy?: string): Promise<ReportRow[]> {
  const now = clock.now();
  const found = await lookups(rows);
  const resolved = rows.map((row) => resolve(row, found, now));
  const pairs = [...new Map(resolved.flatMap((entry) => ("user_id" in entry ? [[`${entry.user_id}/${entry.course.course_id}`, { user_id: entry.user_id, course_id: entry.course.course_id }] as const] : []))).values()];
  const existing = await getAll(pairs, (keys) => db().entities.enrollment.get(keys).go());
  const enrollments = new Map((existing as EnrollmentRecord[]).map((enrollment) => [`${enrollment.user_id}/${enrollment.course_id}`, enrollment]));
  const firstLine = new Map<string, number>();
  const report: ReportRow[] = [];
  for (const entry of resolved) {
    const row = { line: entry.row.line, email: entry.row.email, course: entry.row.course, expires_at: entry.row.expires_at };
    if (!("user_id" in entry)) {
      report.push({ ...row, result: entry.result, detail: entry.detail, enrollment_id: null });
      continue;
    }
    const pair = `${entry.user_id}/${entry.course.course_id}`;
    const earlier = firstLine.get(pair);
    if (earlier !== undefined) {
      report.push({ ...row, result: "duplicate", detail: `The same person and course as line ${earlier}: this row is left out.`, enrollment_id: null });
      continue;
    }
    firstLine.set(pair, entry.row.line);
    report.push({ ...row, ...(await settle(entry, enrollments.get(pair), now, grantedBy)) });
  }
  return report;
}

type Outcome = Pick<ReportRow, "result" | "detail" | "enrollment_id">;

/** One resolved row against its stored enrollment (if any); done when `grantedBy` is given. */
async function settle(entry: Extract<Resolved, { user_id: string }>, current: EnrollmentRecord | undefined, now: Date, grantedBy: string | undefined): Promise<Outcome> {
  const { user_id, course, expires_at } = entry;
  const title = `"${course.title}"`;
  if (!current) {
    if (!grantedBy) return { result: "created", detail: `Would be enrolled in ${title}${expires_at ? ` until ${expires_at}` : ""}.`, enrollment_id: null };
    try {
      const enrollment = await Enrollments.grant(grantedBy, { user_id, course_id: course.course_id, expires_at }, now);
      return { result: "created", detail: `Enrolled in ${title}${expires_at ? ` until ${expires_at}` : ""}.`, enrollment_id: enrollment.enrollment_id };
    } catch (error) {
      // Enrolled meanwhile (by hand, or by a delivery of this same step that was cut short): nothing left to do.
      if (error instanceof ProblemError && error.status === 409) return { result: "already_enrolled", detail: `Already enrolled in ${title}.`, enrollment_id: null };
      throw error;
    }
  }
  // Only later, never earlier: an import does not shorten anyone's access. No end date beats any date.
  const extends_ = current.expires_at !== undefined && (expires_at === null || expires_at > current.expires_at);
  if (!extends_) return { result: "already_enrolled", detail: `Already enrolled in ${title}${current.expires_at ? ` until ${current.expires_at}` : ", with no end"}.`, enrollment_id: current.enrollment_id };
  const until = expires_at ? `until ${expires_at}` : "with no end";
  if (!grantedBy) return { result: "extended", detail: `Would be extended in ${title} from ${current.expires_at} to ${until}.`, enrollment_id: current.enrollment_id };
  try {
    const patch = db().entities.enrollment.patch({ user_id, course_id: course.course_id }).set({ updated_at: now.toISOString(), ...(expires_at ? { expires_at } : {}) });
    await (expires_at ? patch : patch.remove(["expires_at"]))
      .where((attr, op) => `${op.eq(attr.enrollment_id, current.enrollment_id)} AND ${op.eq(attr.expires_at, current.expires_at!)}`)
      .go({ response: "none" });
    return { result: "extended", detail: `Extended in ${title} from ${current.expires_at} to ${until}.`, enrollment_id: current.enrollment_id };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return { result: "already_enrolled", detail: `The enrollment in ${title} changed meanwhile and was left as it is: check it, or import the row again.`, enrollment_id: current.enrollment_id };
  }
}

function summarize(report: ReportRow[]): Record<RowResult | "rows", number> {
  const summary = Object.fromEntries([["rows", report.length], ...ROW_RESULTS.map((result) => [result, 0])]) as Record<RowResult | "rows", number>;
  for (const row of report) summary[row.result] += 1;
  return summary;
}

/** The report as a spreadsheet opens it: every cell that came from the file is neutralized (core/imports/csv.ts). */
function reportCsv(report: ReportRow[]): string {
  return writeCsv([["line", "email", "course", "expires_at", "result", "detail", "enrollment_id"], ...report.map((row) => [row.line, row.email, row.course, row.expires_at, row.result, row.detail, row.enrollment_id])]);
}

async function reportOf(item: ImportItem, phase: Phase, summary: unknown): Promise<ImportResponse["dry_run"]> {
  if (summary === undefined) return null;
  const json = await Storage.read(importFileKey(item.import_id, reportName(phase, "json")), 64 * 1024 * 1024);
  if (!json || "tooLarge" in json) return null;
  const name = `${item.filename?.replace(/\.csv$/i, "") ?? "import"}-${reportName(phase, "csv")}`;
  return {
    summary: summary as NonNullable<ImportResponse["dry_run"]>["summary"],
    rows: JSON.parse(json.bytes.toString("utf8")) as ReportRow[],
    report_url: await Storage.presignDownload(importFileKey(item.import_id, reportName(phase, "csv")), REPORT_LINK_SECONDS, name),
  };
}

async function present(item: ImportItem): Promise<ImportResponse> {
  const [dryRun, applied] = await Promise.all([reportOf(item, "check", item.checked_summary), reportOf(item, "apply", item.applied_summary)]);
  return {
    id: item.import_id,
    status: item.status,
    filename: item.filename ?? null,
    created_by: item.created_by,
    created_at: item.created_at,
    error: item.error ?? null,
    dry_run: dryRun,
    applied_by: item.applied_by ?? null,
    applied_at: item.applied_at ?? null,
    applied,
  };
}
