/**
 * S3 notifications for the local runtime: s3rver's `event`s, filtered by the same rules the stack gives S3
 * (core/media/notifications.ts) and sent to the local queues in the shape S3 puts into an SQS message.
 *
 * s3rver 3.7.1 emits one `{ Records: [record] }` per PutObject (`ObjectCreated:Put`), POST upload and
 * CompleteMultipartUpload (both `ObjectCreated:Post`), CopyObject (`ObjectCreated:Copy`, without eTag) and
 * DeleteObject of an existing key (`ObjectRemoved:Delete`). What differs from S3 is fixed here: it does not filter,
 * does not URL-encode the key, reports eventVersion 2.0, a malformed bucket ARN and a sequencer that repeats within a
 * millisecond. It emits nothing for DeleteObjects (multi-delete), so the app deletes objects one by one.
 */
import type { S3EventRecord } from "aws-lambda";
import { NOTIFICATIONS, matches, type NotificationRule } from "../core/media/notifications";
import { LOCAL_REGION } from "./bindings";
import type { LocalQueue } from "./queue";
import type { S3rver } from "./s3";

/** What s3rver puts in a record (lib/models/event.js); only what we read. */
interface S3rverRecord {
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { "x-amz-request-id": string; "x-amz-id-2": string };
  s3: {
    bucket: { name: string; ownerIdentity: { principalId: string } };
    object: { key: string; size?: number; eTag?: string };
  };
}

/** S3's record, where ObjectRemoved events carry neither size nor eTag. */
type S3NotificationRecord = Omit<S3EventRecord, "s3"> & {
  s3: Omit<S3EventRecord["s3"], "object"> & {
    object: Omit<S3EventRecord["s3"]["object"], "size" | "eTag"> & { size?: number; eTag?: string };
  };
};

const S3_EVENT_NAMES = new Set(["ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy", "ObjectRemoved:Delete"]);

export function bridgeS3Events(options: {
  server: S3rver;
  queues: Partial<Record<NotificationRule["queue"], LocalQueue>>;
  rules?: readonly NotificationRule[];
}): { close(): void } {
  const rules = options.rules ?? NOTIFICATIONS;

  const forward = (record: S3rverRecord) => {
    // S3 names events without the "s3:" that notification configurations use.
    const eventName = record.eventName.replace(/^s3:/, "");
    if (!S3_EVENT_NAMES.has(eventName)) {
      console.error(`[s3-events] s3rver sent an event S3 does not: ${record.eventName}; dropped`);
      return;
    }
    const key = record.s3.object.key;
    const sequencer = nextSequencer();
    // S3 refuses overlapping configurations, but nothing stops a test from passing rules that overlap: each
    // matching rule gets its copy, as each configuration would.
    for (const rule of rules) {
      const queue = options.queues[rule.queue];
      if (!queue || !matches(rule, eventName, key)) continue;
      queue.send(JSON.stringify({ Records: [toS3Record(record, eventName, sequencer, rule.queue)] }));
    }
  };

  // s3rver emits from inside the request: a throw here would turn the client's upload into a 500.
  const listener = (event: { Records?: S3rverRecord[] }) => {
    for (const record of event.Records ?? []) {
      try {
        forward(record);
      } catch (error) {
        console.error(`[s3-events] could not forward ${record.eventName} ${record.s3.object.key}:`, error);
      }
    }
  };
  options.server.on("event", listener);
  return { close: () => void options.server.off("event", listener) };
}

function toS3Record(record: S3rverRecord, eventName: string, sequencer: string, configurationId: string): S3NotificationRecord {
  const { key, size, eTag } = record.s3.object;
  const bucket = record.s3.bucket.name;
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: LOCAL_REGION,
    eventTime: record.eventTime,
    eventName,
    userIdentity: record.userIdentity,
    requestParameters: record.requestParameters,
    responseElements: record.responseElements,
    s3: {
      s3SchemaVersion: "1.0",
      configurationId,
      bucket: { name: bucket, ownerIdentity: record.s3.bucket.ownerIdentity, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeS3EventKey(key),
        ...(size === undefined ? {} : { size }),
        ...(eTag === undefined ? {} : { eTag }),
        sequencer,
      },
    },
  };
}

/**
 * A key as S3 writes it into notifications: form-urlencoded (Java's URLEncoder: letters, digits and `.-*_` kept,
 * space as `+`, every other byte of the UTF-8 encoding as `%XX`), except that `/` is kept.
 */
export function encodeS3EventKey(key: string): string {
  let encoded = "";
  for (const byte of Buffer.from(key, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_/]/.test(char)) encoded += char;
    else if (char === " ") encoded += "+";
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

let lastSequencer = 0n;

/**
 * S3's sequencer orders the events of one key (a later event has a greater hex value). s3rver uses the time in
 * milliseconds, which repeats within a burst; this one is the time with a counter below it, always increasing.
 */
function nextSequencer(): string {
  const now = BigInt(Date.now()) << 16n;
  lastSequencer = now > lastSequencer ? now : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(16, "0");
}
