import type { S3Event, SQSRecord } from "aws-lambda";
import type { RebuildRequest } from "./rebuild-requests";

/** S3 URL-encodes keys in notifications (spaces as '+'). */
export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, " "));

/** What an SQS record of a media queue carries: S3 notification records, or a rebuild request of ours. */
export type MediaMessage = { kind: "s3"; events: Array<{ eventName: string; key: string }> } | { kind: "rebuild"; courseId: string } | { kind: "ignored" };

export function parseMediaMessage(record: SQSRecord): MediaMessage {
  const body = JSON.parse(record.body) as Partial<S3Event> & Partial<RebuildRequest> & { Event?: string };
  if (typeof body.rebuild_course === "string") return { kind: "rebuild", courseId: body.rebuild_course };
  // S3 sends one s3:TestEvent when a notification is configured.
  if (body.Event === "s3:TestEvent" || !Array.isArray(body.Records)) return { kind: "ignored" };
  return { kind: "s3", events: body.Records.map((event) => ({ eventName: event.eventName, key: decodeS3Key(event.s3.object.key) })) };
}
