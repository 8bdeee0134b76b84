import type { EntityItem } from "electrodb";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import * as Courses from "../courses/courses";
import type { CertificateEntity } from "../db/entities/certificate";
import { db } from "../db/service";
import { assertTransactionSucceeded, whenConditionFails } from "../db/transactions";
import { conflict, notFound } from "../http/problem";
import { newId } from "../ids";
import { certificatePdfKey } from "../media/keys";
import * as Storage from "../media/storage";
import { fileUrl } from "../media/urls";
import { ofUserInCourse, summarize } from "../progress/records";
import * as Users from "../users/users";
import type { CertificateVerificationResponse, MyCertificateResponse } from "./schemas";

export type CertificateRecord = EntityItem<typeof CertificateEntity>;

const noCertificate = (id: string) => notFound(`There is no certificate with id ${id}.`);

/** Where the SPA shows a certificate's verification (the QR code's target): under the stage's SPA_BASE_URL. */
export function verificationUrl(certificateId: string): string {
  // The stacks set it on every function that shows or prints the link (stacks/config.ts refuses a stage without it).
  const base = process.env.SPA_BASE_URL;
  if (!base) throw new Error("SPA_BASE_URL is not set: the certificate's verification link would point nowhere");
  return `${base.replace(/\/+$/, "")}/certificates/${certificateId}`;
}

/** `YYYY-MM-DD` of an instant, in UTC: what the certificate and its verification show. */
const dateOf = (instant: string): string => instant.slice(0, 10);

/**
 * After a lesson was completed (the table's stream, functions/certificates/issue.ts): when every active lesson of the
 * course is now completed by the user (the rule of core/progress `summarize`), issues their certificate, once. The
 * claim item (user, course) is created with `attribute_not_exists` in the same transaction as the certificate, so a
 * retried or duplicated event, or two completions racing, issue one certificate. Returns it when this call issued it.
 * Requests: course ‖ progress ‖ user ‖ claim; TransactWriteItems when complete.
 */
export async function issueIfComplete(userId: string, courseId: string): Promise<CertificateRecord | undefined> {
  const [course, progress, user, claim] = await Promise.all([
    Courses.get(courseId),
    ofUserInCourse(userId, courseId),
    Users.get(userId),
    db().entities.certificateClaim.get({ user_id: userId, course_id: courseId }).go({ consistent: true }).then(({ data }) => data),
  ]);
  if (claim || !course || !user) return undefined;
  const activeIds = course.active_lesson_ids ?? [];
  if (!summarize(activeIds, progress.values()).is_completed) return undefined;
  const active = new Set(activeIds);
  const completedAt = [...progress.values()]
    .filter((item) => item.completed && active.has(item.lesson_id))
    .map((item) => item.completed_at ?? item.updated_at)
    .sort()
    .at(-1)!;
  const now = clock.now().toISOString();
  const certificate: CertificateRecord = {
    certificate_id: newId(),
    user_id: userId,
    course_id: courseId,
    full_name: user.full_name,
    course_title: course.title,
    course_duration_minutes: course.estimated_duration_minutes,
    completed_at: completedAt,
    issued_at: now,
    status: "valid",
    pdf_status: "pending",
    updated_at: now,
  };
  const result = await db()
    .transaction.write(({ certificate: certificates, certificateClaim }) => [
      certificateClaim.create({ user_id: userId, course_id: courseId, certificate_id: certificate.certificate_id, created_at: now, updated_at: now }).commit(),
      certificates.create(certificate).commit(),
    ])
    .go();
  // The claim exists: another delivery of the same completion issued it a moment ago.
  if (result.canceled && result.data[0]?.code === "ConditionalCheckFailed") return undefined;
  assertTransactionSucceeded(result, [undefined, undefined]);
  return certificate;
}

/**
 * Writes a certificate's PDF and marks it ready (the stream consumer, on the certificate's insert). Idempotent: a
 * ready one is left alone, and a retry after a failure writes the same bytes under the same key.
 */
export async function buildPdf(certificateId: string): Promise<void> {
  const certificate = await find(certificateId);
  if (certificate.pdf_status === "ready") return;
  // pdf-lib, fontkit and the font: loaded by the consumer that builds, not by the API functions that import this module.
  const { buildCertificatePdf } = await import("./pdf");
  const pdf = await buildCertificatePdf({
    certificateId,
    fullName: certificate.full_name,
    courseTitle: certificate.course_title,
    completedOn: dateOf(certificate.completed_at),
    durationMinutes: certificate.course_duration_minutes,
    verificationUrl: verificationUrl(certificateId),
  });
  const key = certificatePdfKey(certificate.user_id, certificateId);
  await Storage.write(key, pdf, "application/pdf");
  await db().entities.certificate.patch({ certificate_id: certificateId }).set({ pdf_status: "ready", pdf_key: key, pdf_size_bytes: pdf.byteLength, updated_at: clock.now().toISOString() }).go();
}

async function find(certificateId: string): Promise<CertificateRecord> {
  const { data } = await db().entities.certificate.get({ certificate_id: certificateId }).go({ consistent: true });
  if (!data) throw noCertificate(certificateId);
  return data;
}

/** `GET /api/certificates/{id}`, public: valid or revoked, with the name, the course and the date. Nothing else. */
export async function verify(certificateId: string): Promise<CertificateVerificationResponse> {
  const certificate = await find(certificateId);
  return {
    id: certificate.certificate_id,
    status: certificate.status,
    full_name: certificate.full_name,
    course_title: certificate.course_title,
    completed_on: dateOf(certificate.completed_at),
  };
}

/** `GET /api/dashboard/my-certificates`: the caller's certificates, newest first, with a link to each ready PDF. */
export async function mine(caller: Pick<Caller, "id">): Promise<{ items: MyCertificateResponse[] }> {
  const { data } = await db().entities.certificate.query.byUser({ user_id: caller.id }).go({ pages: "all", order: "desc" });
  return { items: await Promise.all(data.map(toOwnResponse)) };
}

/**
 * `GET /api/users/{id}/certificates` (admin): one user's certificates, newest first, revoked ones too, with their PDF
 * links: a GetItem of the user (an unknown id is a 404, not an empty list) and the same Query of gsi1 as `mine`.
 */
export async function ofUser(userId: string): Promise<{ items: MyCertificateResponse[] }> {
  await Users.getOrThrow(userId);
  return mine({ id: userId });
}

async function toOwnResponse(certificate: CertificateRecord): Promise<MyCertificateResponse> {
  return {
    id: certificate.certificate_id,
    course_id: certificate.course_id,
    course_title: certificate.course_title,
    full_name: certificate.full_name,
    completed_on: dateOf(certificate.completed_at),
    issued_at: certificate.issued_at,
    status: certificate.status,
    verification_url: verificationUrl(certificate.certificate_id),
    pdf_status: certificate.pdf_status,
    pdf_url: await fileUrl(certificate.pdf_key, true, `certificado-${certificate.certificate_id}.pdf`),
  };
}

/** `POST /api/certificates/{id}/revoke` (admin): the verification says revoked from now on. */
export async function revoke(certificateId: string, reason: string | undefined): Promise<MyCertificateResponse> {
  const certificate = await find(certificateId);
  if (certificate.status === "revoked") throw conflict(`Certificate ${certificateId} is already revoked.`);
  const now = clock.now().toISOString();
  const { data } = await whenConditionFails(
    db()
      .entities.certificate.patch({ certificate_id: certificateId })
      .set({ status: "revoked", revoked_at: now, ...(reason ? { revoked_reason: reason } : {}), updated_at: now })
      .where((attr, op) => op.eq(attr.status, "valid"))
      .go({ response: "all_new" }),
    conflict(`Certificate ${certificateId} was revoked a moment ago.`),
  );
  return toOwnResponse(data as CertificateRecord);
}

/**
 * `POST /api/certificates/{id}/reissue` (admin), after a change of name: a new certificate with the user's current
 * name (same course, completion date and duration), the old one revoked and pointing to it, and the claim moved to
 * the new one, in one transaction conditional on the old one being the current one. Its PDF is built by the
 * stream consumer, as for any new certificate.
 */
export async function reissue(certificateId: string): Promise<MyCertificateResponse> {
  const old = await find(certificateId);
  const user = await Users.getOrThrow(old.user_id);
  const now = clock.now().toISOString();
  const { pdf_key: _key, pdf_size_bytes: _size, revoked_at: _revokedAt, revoked_reason: _reason, replaced_by: _replacedBy, ...kept } = old;
  const fresh: CertificateRecord = { ...kept, certificate_id: newId(), full_name: user.full_name, issued_at: now, status: "valid", pdf_status: "pending", replaces: certificateId, updated_at: now };
  const result = await db()
    .transaction.write(({ certificate: certificates, certificateClaim }) => [
      certificates
        .patch({ certificate_id: certificateId })
        .set({ status: "revoked", revoked_at: now, revoked_reason: "reissued", replaced_by: fresh.certificate_id, updated_at: now })
        .where((attr, op) => op.notExists(attr.replaced_by))
        .commit(),
      certificateClaim
        .patch({ user_id: old.user_id, course_id: old.course_id })
        .set({ certificate_id: fresh.certificate_id, updated_at: now })
        .where((attr, op) => op.eq(attr.certificate_id, certificateId))
        .commit(),
      certificates.create(fresh).commit(),
    ])
    .go();
  const replaced = conflict(`Certificate ${certificateId} has already been replaced; reissue the newest one.`);
  assertTransactionSucceeded(result, [replaced, replaced, undefined]);
  return toOwnResponse(fresh);
}

