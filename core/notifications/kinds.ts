/**
 * What a person is told about, and the email topics they switch on and off (`GET/PUT /api/auth/me/notifications`).
 * In-app notifications are always kept; the topic decides only whether an email goes out too.
 */
export const NOTIFICATION_KINDS = [
  /** An enrollment or a membership opened (created, or switched on again). */
  "access_granted",
  /** An open enrollment or membership now ends later (or never). */
  "access_extended",
  /** An enrollment or a membership ends in 7 days, or in 1 (the daily job, core/notifications/expiring.ts). */
  "access_ending",
  /** A reply in a thread the person started or replied in. */
  "forum_reply",
  /** An admin answered the person's comment. */
  "admin_response",
  /** A lesson became active in a course the person can open. */
  "new_lesson",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_TOPICS = ["access_granted", "access_ending", "forum", "new_lessons"] as const;
export type EmailTopic = (typeof EMAIL_TOPICS)[number];

export const TOPIC_OF: Record<NotificationKind, EmailTopic> = {
  access_granted: "access_granted",
  access_extended: "access_granted",
  access_ending: "access_ending",
  forum_reply: "forum",
  admin_response: "forum",
  new_lesson: "new_lessons",
};

/** How each topic is named to the person (the preferences page, the unsubscribe page). */
export const TOPIC_LABEL: Record<EmailTopic, string> = {
  access_granted: "acceso concedido o ampliado",
  access_ending: "acceso a punto de terminar",
  forum: "respuestas en el foro",
  new_lessons: "lecciones nuevas",
};

/** In-app notifications are kept this long (the table's TTL removes them; reads skip them from then on). */
export const IN_APP_DAYS = 90;

/** The access-ending notices: this many days before the end. */
export const ENDING_THRESHOLDS_DAYS = [7, 1] as const;
export type EndingThreshold = (typeof ENDING_THRESHOLDS_DAYS)[number];
