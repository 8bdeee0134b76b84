import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { applyBindings } from "../dev/bindings";

// Runs in each test file's process before the file's own imports: the app reads these when first imported.
const stack = inject("localStack");
applyBindings({
  stage: "test",
  dynamoEndpoint: stack.dynamoEndpoint,
  s3Endpoint: stack.s3Endpoint,
  tableName: `test-${randomUUID()}`,
  bucketName: stack.bucketName,
  ...stack.secrets,
});
// Request logs would drown the test output; warnings and errors still show.
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
