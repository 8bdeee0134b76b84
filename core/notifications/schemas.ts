import * as z from "zod";
import { changesOf } from "../http/fields";
import { PageQuery } from "../http/pagination";
import { EMAIL_TOPICS, NOTIFICATION_KINDS, TOPIC_LABEL } from "./kinds";

export const NotificationListQuery = z.strictObject(PageQuery);

export const NotificationResponse = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    /** The course it is about; null for a membership (every course). */
    course_id: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    /** Where it leads in the SPA. */
    link: z.string(),
    created_at: z.string(),
    read: z.boolean(),
    /** When it was marked read one by one; null when unread, or read by "mark all as read". */
    read_at: z.string().nullable(),
  })
  .meta({ id: "Notification", description: "An in-app notification (kept 90 days)." });
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const NotificationPage = z.object({
  items: z.array(NotificationResponse).meta({ description: "Newest first." }),
  next_cursor: z.string().nullable().meta({ description: "Send it back as `cursor` for the next page; null on the last page. Opaque and signed." }),
  unread_count: z.number().int().meta({ description: "Unread notifications of the caller, over every page." }),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ unread_count: z.number().int() });

const topicFields = Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, z.boolean().meta({ description: `Email about ${TOPIC_LABEL[topic]}.` })])) as Record<
  (typeof EMAIL_TOPICS)[number],
  z.ZodBoolean
>;

export const NotificationSettingsResponse = z
  .object({ email: z.object(topicFields).meta({ description: "Email on (true) or off per topic; in-app notifications are always kept." }) })
  .meta({ id: "NotificationSettings" });
export type NotificationSettingsResponse = z.infer<typeof NotificationSettingsResponse>;

export const UpdateNotificationSettingsRequest = z
  .strictObject({ email: changesOf(Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, topicFields[topic].optional()])) as Record<(typeof EMAIL_TOPICS)[number], z.ZodOptional<z.ZodBoolean>>) })
  .meta({ id: "UpdateNotificationSettingsRequest" });
export type UpdateNotificationSettingsRequest = z.infer<typeof UpdateNotificationSettingsRequest>;

export const UnsubscribeQuery = z.strictObject({
  token: z
    .string()
    .max(512, { error: "is too long" })
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: "is not an unsubscribe token" })
    .meta({ description: "The token of the link in the email (List-Unsubscribe)." }),
});

export const UnsubscribePage = z.string().meta({ contentMediaType: "text/html", description: "A page that says what the link does, or what it did." });
