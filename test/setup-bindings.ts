import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { bucketCorsRule, DEFAULT_DEV_ORIGINS } from "../core/http/cors";
import { applyBindings } from "../dev/bindings";
import { startLocalMail } from "../dev/mail";
import { startWorkers } from "../dev/workers";
import { startS3Local } from "../dev/s3";
import { localRuntime } from "./support/runtime";

// Runs in each test file's process before the file's own imports: the app reads the bindings when first imported.
// Each file gets its own table and its own s3rver: S3 events are emitted in the process that runs s3rver, and the
// media consumers must run in this one.
const stack = inject("localStack");
const s3Dir = await mkdtemp(path.join(tmpdir(), "dulcevicio-test-s3-"));
localRuntime.s3 = await startS3Local({ port: 0, directory: s3Dir, buckets: [{ name: stack.bucketName, cors: bucketCorsRule(DEFAULT_DEV_ORIGINS) }] });
// This file's own mail server, read by its tests through localRuntime.mail (no inbox page).
localRuntime.mail = await startLocalMail({ smtpPort: 0 });
const tableName = `test-${randomUUID()}`;
localRuntime.workers = await startWorkers({
  s3: localRuntime.s3.server,
  sqsPort: 0,
  table: { endpoint: stack.dynamoEndpoint, name: tableName },
  // The file's table is created by its first test helper; its stream is read from the start.
  streamStart: "TRIM_HORIZON",
  timing: { batchWindowMs: 100, visibilityTimeoutMs: 100 },
  // Tests run the daily jobs themselves (workers().runJob), with the clock where they want it.
  schedules: false,
});
applyBindings({
  stage: "test",
  dynamoEndpoint: stack.dynamoEndpoint,
  s3Endpoint: localRuntime.s3.endpoint,
  sqsEndpoint: localRuntime.workers.sqsEndpoint,
  queueUrls: localRuntime.workers.queueUrls,
  tableName,
  bucketName: stack.bucketName,
  ...stack.secrets,
  smtpUrl: localRuntime.mail.smtpUrl,
  // The gateway's port is known once a file's API starts (test/support/api.ts sets it then).
  apiBaseUrl: "http://127.0.0.1:0",
});
// Request logs would drown the test output; warnings and errors still show.
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

afterAll(async () => {
  await localRuntime.workers?.close();
  await localRuntime.mail?.close();
  await localRuntime.s3?.stop();
  await rm(s3Dir, { recursive: true, force: true });
});
