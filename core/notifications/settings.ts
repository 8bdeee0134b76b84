import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db } from "../db/service";
import { EMAIL_TOPICS, type EmailTopic } from "./kinds";
import type { NotificationSettingsResponse, UpdateNotificationSettingsRequest } from "./schemas";
import { readToken } from "./unsubscribe";

/** Email on or off per topic (`GET/PUT /api/auth/me/notifications`, and the unsubscribe links). Absent means on. */
async function emailOf(userId: string): Promise<NotificationSettingsResponse> {
  const { data } = await db().entities.notificationSettings.get({ user_id: userId }).go({ consistent: true });
  return { email: Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, data?.[`email_${topic}`] !== false])) as NotificationSettingsResponse["email"] };
}

export function get(caller: Caller): Promise<NotificationSettingsResponse> {
  return emailOf(caller.id);
}

/** Changes only the topics given (one upsert), then answers them all (one GetItem). */
export async function update(caller: Caller, changes: UpdateNotificationSettingsRequest): Promise<NotificationSettingsResponse> {
  const set = Object.fromEntries(Object.entries(changes.email).filter(([, on]) => on !== undefined).map(([topic, on]) => [`email_${topic}`, on]));
  await db()
    .entities.notificationSettings.upsert({ user_id: caller.id, ...set, updated_at: clock.now().toISOString() })
    .go();
  return emailOf(caller.id);
}

/** An unsubscribe link, followed: that topic's email goes off for the person the token names. No sign-in; one write. */
export async function unsubscribe(token: string): Promise<{ topic: EmailTopic }> {
  const { userId, topic } = readToken(token);
  await db()
    .entities.notificationSettings.upsert({ user_id: userId, [`email_${topic}`]: false, updated_at: clock.now().toISOString() })
    .go();
  return { topic };
}

/** What an unsubscribe link would switch off, without switching it (the page a person sees when opening the link). */
export function topicOf(token: string): EmailTopic {
  return readToken(token).topic;
}
