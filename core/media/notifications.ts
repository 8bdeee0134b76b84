import { PREFIX } from "./keys";

/**
 * Which S3 events reach which queue: the one definition that both the stack (S3 -> SQS notifications) and the
 * local event bridge apply, so local runs filter exactly as AWS does.
 */
export interface NotificationRule {
  /** Queue construct id in the stack, and queue name in the local runtime. */
  queue: "Uploads" | "PdfRebuilds";
  events: Array<"ObjectCreated" | "ObjectRemoved">;
  prefix: string;
  suffix?: string;
}

export const NOTIFICATIONS: readonly NotificationRule[] = [
  // A browser finished an upload: check it, normalize it, store it under media/.
  { queue: "Uploads", events: ["ObjectCreated"], prefix: PREFIX.uploads },
  // A lesson video landed where it stays (it is not copied): check it.
  { queue: "Uploads", events: ["ObjectCreated"], prefix: PREFIX.videos },
  // A normalized recipe image appeared or went away: its course's PDF must be rebuilt. (Changes without an
  // object event, such as a reorder, send their own message to the same queue.)
  { queue: "PdfRebuilds", events: ["ObjectCreated", "ObjectRemoved"], prefix: PREFIX.recipeImages, suffix: ".jpg" },
  // The same for a recipe that came as a PDF (its checked copy).
  { queue: "PdfRebuilds", events: ["ObjectCreated", "ObjectRemoved"], prefix: PREFIX.recipeImages, suffix: ".pdf" },
];

/** Does an S3 event (name like `ObjectCreated:Put`, key as stored, not URL-encoded) match a rule? */
export function matches(rule: NotificationRule, eventName: string, key: string): boolean {
  const type = eventName.replace(/^s3:/, "").split(":")[0];
  return rule.events.some((event) => event === type) && key.startsWith(rule.prefix) && (!rule.suffix || key.endsWith(rule.suffix));
}
