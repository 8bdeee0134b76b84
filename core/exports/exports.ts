import type { EntityItem } from "electrodb";
import { clock, epochSeconds } from "../clock";
import type { PersonalDataExportEntity } from "../db/entities/personal-data-export";
import { db } from "../db/service";
import { newId } from "../ids";
import { personalDataKey } from "../media/keys";
import * as Storage from "../media/storage";
import * as Users from "../users/users";
import type { ExportCounts, PersonalDataExport } from "./schemas";

/** The download link is good for 15 minutes; the document and its job are removed after a day (stacks/Storage.ts, TTL). */
const LINK_SECONDS = 15 * 60;
const KEPT_SECONDS = 24 * 60 * 60;
/**
 * A ready export younger than this is handed out again instead of built anew: a person who clicks twice, or whose
 * link ran out while downloading, gets the same document. Older, the next request builds a fresh one. A build that
 * has not finished in this time failed (its stream records went to the dead-letter queue): the next request starts
 * another.
 */
const REUSE_SECONDS = 15 * 60;

type ExportRecord = EntityItem<typeof PersonalDataExportEntity>;

/**
 * The right of access (GDPR art. 15), off the request: `GET …/export` answers the person's latest export. When there
 * is none fresh enough it writes a new one `building` (one PutItem) and answers that; the PersonalDataExports
 * stream consumer builds the document (buildDocument) and marks it `ready`; the next GET hands out a presigned
 * download of it. Two requests at once may start two builds: each is a document of its own, both correct.
 */
export async function latestOrStart(userId: string, requestedBy: string): Promise<PersonalDataExport> {
  await Users.getOrThrow(userId);
  const { data } = await db().entities.personalDataExport.query.byUser({ user_id: userId }).go({ order: "desc", limit: 1, consistent: true });
  const latest = data[0];
  const now = clock.now();
  const ageSeconds = latest ? (now.getTime() - Date.parse(latest.requested_at)) / 1000 : Infinity;
  if (latest && ageSeconds < REUSE_SECONDS) return toResponse(latest);
  const created = {
    user_id: userId,
    export_id: newId(),
    requested_by: requestedBy,
    requested_at: now.toISOString(),
    status: "building" as const,
    expires_at_epoch: epochSeconds(now) + KEPT_SECONDS,
  };
  await db().entities.personalDataExport.create(created).go();
  return toResponse(created);
}

async function toResponse(job: ExportRecord): Promise<PersonalDataExport> {
  const base = { export_id: job.export_id, status: job.status, requested_at: job.requested_at };
  if (job.status !== "ready") return base;
  return {
    ...base,
    exported_at: job.exported_at,
    url: await Storage.presignDownload(personalDataKey(job.user_id, job.export_id), LINK_SECONDS, `dulcevicio-${job.user_id}.json`),
    expires_at: new Date(clock.now().getTime() + LINK_SECONDS * 1000).toISOString(),
    counts: job.counts as ExportCounts,
  };
}

/**
 * Builds one export's document into S3 and marks it `ready`. Idempotent: the document's key is the export's, so a
 * retried or duplicated stream record rewrites the same object, and the status moves only from `building` (a
 * conditional update; a second build finds it `ready` and changes nothing).
 */
export async function build(userId: string, exportId: string): Promise<void> {
  const { data: job } = await db().entities.personalDataExport.get({ user_id: userId, export_id: exportId }).go({ consistent: true });
  if (!job || job.status === "ready") return;
  const user = await Users.get(userId);
  if (!user) return; // Removed since it was asked for: there is nothing left to export.
  const document = await personalDocument(user);
  const bytes = Buffer.from(JSON.stringify(document, null, 2));
  await Storage.write(personalDataKey(userId, exportId), bytes, "application/json; charset=utf-8");
  const counts = Object.fromEntries(COUNTED.map((kind) => [kind, document[kind].length])) as ExportCounts;
  await db()
    .entities.personalDataExport.patch({ user_id: userId, export_id: exportId })
    .set({ status: "ready", exported_at: document.exported_at, counts, size_bytes: bytes.length })
    .where(({ status }, { eq }) => eq(status, "building"))
    .go()
    .catch((error: unknown) => {
      if ((error as { cause?: { name?: string } }).cause?.name !== "ConditionalCheckFailedException") throw error;
    });
}

/** The kinds of item the document lists, each counted in the answer. */
export const COUNTED = ["enrollments", "memberships", "progress", "comments", "reviews", "reactions", "certificates", "notifications", "failed_sign_ins"] as const;

/**
 * Everything stored about one person, each kind by key (no Scan): their profile (with their avatar), their access
 * (enrollments and memberships, one Query of their partition), their lesson progress, the comments, reviews and
 * reactions they wrote (gsi3, by author), their certificates (gsi1), their in-app notifications and email settings
 * (their notifications partition), whether their address is suppressed for mail, and the failed sign-ins counted
 * against their account. Never their password's hash, their token version or their sessions' token hashes: those
 * are not information about them but keys to their account. Nothing of anyone else: the comments are theirs only
 * (not the replies others wrote to them). Learning paths' progress is not stored: it is computed from their progress.
 */
async function personalDocument(user: Users.UserRecord) {
  const key = { user_id: user.user_id };
  const all = { pages: "all" } as const;
  const [access, progress, comments, reviews, reactions, certificates, notifications, settings, suppression, failedSignIns] = await Promise.all([
    db().collections.userAccess(key).go(all),
    db().entities.lessonProgress.query.byUser(key).go(all),
    db().entities.comment.query.byAuthor(key).go(all),
    db().entities.review.query.byAuthor(key).go(all),
    db().entities.reaction.query.byAuthor(key).go(all),
    db().entities.certificate.query.byUser(key).go(all),
    db().entities.notification.query.byUser(key).go(all),
    db().entities.notificationSettings.get(key).go(),
    db().entities.mailSuppression.get({ email: user.email }).go(),
    db().entities.loginAttempt.query.bySubject({ scope: "account", subject: user.email }).go(all),
  ]);
  return {
    format: "dulcevicio-personal-data/2",
    exported_at: clock.now().toISOString(),
    profile: await Users.toResponse(user),
    enrollments: access.data.enrollment,
    memberships: access.data.membership,
    progress: progress.data,
    comments: comments.data,
    reviews: reviews.data,
    reactions: reactions.data,
    certificates: certificates.data,
    notifications: notifications.data,
    notification_settings: settings.data ?? null,
    mail_suppression: suppression.data ?? null,
    failed_sign_ins: failedSignIns.data,
  };
}
