import type { EntityItem } from "electrodb";
import type { Caller } from "../auth/caller";
import { clock, epochSeconds } from "../clock";
import { countQuery } from "../db/count";
import type { NotificationEntity } from "../db/entities/notification";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { decodeCursor, encodeCursor } from "../http/pagination";
import { notFound } from "../http/problem";
import type { NotificationPage, NotificationResponse } from "./schemas";

/**
 * The caller's in-app notifications (`/api/notifications`): their own partition, newest first. A notification is
 * read once marked one by one (`read_at`) or when "mark all as read" came after it was delivered (`read_all_at` on
 * the settings item, one write whatever the number). Items past their 90 days are skipped until TTL removes them.
 */
type NotificationRecord = EntityItem<typeof NotificationEntity>;

const noNotification = (id: string) => notFound(`You have no notification with id ${id}.`);

const isRead = (notification: NotificationRecord, readAllAt: string | undefined) =>
  notification.read_at !== undefined || (readAllAt !== undefined && notification.delivered_at <= readAllAt);

function toResponse(notification: NotificationRecord, readAllAt: string | undefined): NotificationResponse {
  return {
    id: notification.notification_id,
    kind: notification.kind,
    course_id: notification.course_id ?? null,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    created_at: notification.created_at,
    read: isRead(notification, readAllAt),
    read_at: notification.read_at ?? null,
  };
}

async function readAllAtOf(userId: string): Promise<string | undefined> {
  const { data } = await db().entities.notificationSettings.get({ user_id: userId }).go({ consistent: true });
  return data?.read_all_at;
}

/**
 * A page, newest first, and the unread count. Requests: the settings item ‖ one page; then a COUNT Query of the
 * caller's partition (unread and not yet expired: at most 90 days of notifications).
 */
export async function list(caller: Caller, limit: number, cursor: string | undefined): Promise<NotificationPage> {
  const scope = { list: "notifications", caller };
  const start = decodeCursor(scope, cursor);
  const now = epochSeconds(clock.now());
  const live = db().entities.notification.query.byUser({ user_id: caller.id });
  const [readAllAt, { data, cursor: next }] = await Promise.all([
    readAllAtOf(caller.id),
    live.where((attr, op) => op.gt(attr.expires_at_epoch, now)).go({ limit, order: "desc", cursor: start }),
  ]);
  const unread = await countQuery(
    live
      .where((attr, op) => `${op.gt(attr.expires_at_epoch, now)} AND ${op.notExists(attr.read_at)}${readAllAt ? ` AND ${op.gt(attr.delivered_at, readAllAt)}` : ""}`)
      .params(),
  );
  return { items: data.map((notification) => toResponse(notification, readAllAt)), next_cursor: encodeCursor(scope, next), unread_count: unread };
}

/** Marks one read (the first time counts; again is a no-op). Requests: UpdateItem conditional on it being unread; a GetItem when it was not. */
export async function markRead(caller: Caller, notificationId: string): Promise<NotificationResponse> {
  const key = { user_id: caller.id, notification_id: notificationId };
  const now = clock.now();
  try {
    const { data } = await db()
      .entities.notification.patch(key)
      .set({ read_at: now.toISOString() })
      .where((attr, op) => `${op.notExists(attr.read_at)} AND ${op.gt(attr.expires_at_epoch, epochSeconds(now))}`)
      .go({ response: "all_new" });
    return toResponse(data as NotificationRecord, undefined);
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  // Not unread: read already, past its days, or not the caller's (the key holds the caller's id: another person's is a 404).
  const [{ data }, readAllAt] = await Promise.all([db().entities.notification.get(key).go({ consistent: true }), readAllAtOf(caller.id)]);
  if (!data || data.expires_at_epoch <= epochSeconds(now)) throw noNotification(notificationId);
  return toResponse(data, readAllAt);
}

/** Everything delivered until now is read: one UpdateItem of the settings item. */
export async function markAllRead(caller: Caller): Promise<{ unread_count: number }> {
  const now = clock.now().toISOString();
  await db()
    .entities.notificationSettings.upsert({ user_id: caller.id, read_all_at: now, updated_at: now })
    .go();
  return { unread_count: 0 };
}
