import { clock } from "../clock";
import { db } from "../db/service";
import { newId } from "../ids";
import { personalDataKey } from "../media/keys";
import * as Storage from "../media/storage";
import * as Users from "../users/users";
import type { PersonalDataExport } from "./schemas";

/** The download link is good for 15 minutes; the document itself is removed after a day (stacks/Storage.ts). */
const LINK_SECONDS = 15 * 60;

/**
 * Everything stored about one person, as one JSON document (the right of access, GDPR art. 15): their profile,
 * their access (enrollments and memberships), their progress and the comments they wrote. Never their password's
 * hash, their token version or their sessions' token hashes: those are not information about them but keys to
 * their account. Nothing of anyone else: the comments are theirs only (not the replies others wrote to them).
 *
 * Built on the request, in three Queries side by side after the user's GetItem: their partition (enrollments,
 * memberships), their progress (gsi1) and the comments they wrote. Comments have no index by author, so that last
 * one reads the timeline of every comment (gsi2) with a filter: fine at this school's scale, and the first thing
 * to move off the request (or give an index) when the forum grows. The document is written to S3 and handed out
 * as a short presigned download, so it never passes through API Gateway's 10 MB.
 */
export async function exportPersonalData(userId: string): Promise<PersonalDataExport> {
  const user = await Users.getOrThrow(userId);
  const [access, progress, comments] = await Promise.all([
    db().collections.userAccess({ user_id: userId }).go({ pages: "all" }),
    db().entities.lessonProgress.query.byUser({ user_id: userId }).go({ pages: "all" }),
    db().entities.comment.query.byAuthor({ user_id: userId }).go({ pages: "all" }),
  ]);
  const now = clock.now();
  const document = {
    format: "dulcevicio-personal-data/1",
    exported_at: now.toISOString(),
    profile: await Users.toResponse(user),
    enrollments: access.data.enrollment,
    memberships: access.data.membership,
    progress: progress.data,
    comments: comments.data,
  };
  const key = personalDataKey(userId, newId());
  await Storage.write(key, Buffer.from(JSON.stringify(document, null, 2)), "application/json; charset=utf-8");
  return {
    url: await Storage.presignDownload(key, LINK_SECONDS, `dulcevicio-${userId}.json`),
    expires_at: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
    counts: { enrollments: document.enrollments.length, memberships: document.memberships.length, progress: document.progress.length, comments: document.comments.length },
  };
}
