import type { MediaRuntime } from "../../dev/media";
import type { S3Local } from "../../dev/s3";

/**
 * The per-test-file local services started by `test/setup-bindings.ts`: this file's own s3rver (its events stay in
 * this process, where the queues and consumers run) and the media queues.
 */
export const localRuntime: { s3?: S3Local; media?: MediaRuntime } = {};

export function media(): MediaRuntime {
  if (!localRuntime.media) throw new Error("the media runtime is started by test/setup-bindings.ts");
  return localRuntime.media;
}
