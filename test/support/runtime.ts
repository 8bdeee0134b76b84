import type { LocalMail } from "../../dev/mail";
import type { S3Local } from "../../dev/s3";
import type { Workers } from "../../dev/workers";

/**
 * The per-test-file local services started by `test/setup-bindings.ts`: this file's own s3rver (its events stay in
 * this process, where the queues and consumers run), the queues and the stream consumers of its table, and its mail
 * server.
 */
export const localRuntime: { s3?: S3Local; workers?: Workers; mail?: LocalMail } = {};

export function workers(): Workers {
  if (!localRuntime.workers) throw new Error("the workers are started by test/setup-bindings.ts");
  return localRuntime.workers;
}

export function mailbox(): LocalMail {
  if (!localRuntime.mail) throw new Error("the mail server is started by test/setup-bindings.ts");
  return localRuntime.mail;
}
