import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { bucketCorsRule, DEFAULT_DEV_ORIGINS } from "../core/http/cors";
import { bucketNameFor } from "../dev/bindings";
import { startDynamoLocal } from "../dev/dynamodb";
import { startS3Local } from "../dev/s3";
import { generateSecrets, type StageSecrets } from "../dev/secrets";

declare module "vitest" {
  export interface ProvidedContext {
    localStack: { dynamoEndpoint: string; s3Endpoint: string; bucketName: string; secrets: StageSecrets };
  }
}

/** Starts the emulators once for the whole run; each test file then creates its own table (test/setup-bindings.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const s3Dir = await mkdtemp(path.join(tmpdir(), "dulcevicio-test-s3-"));
  const bucketName = bucketNameFor("test");
  const [dynamo, s3] = await Promise.all([
    startDynamoLocal({ port: await freePort() }),
    startS3Local({ port: 0, directory: s3Dir, buckets: [{ name: bucketName, cors: bucketCorsRule(DEFAULT_DEV_ORIGINS) }] }),
  ]);
  project.provide("localStack", {
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    bucketName,
    // Fresh per run: nothing signed by an earlier run (or by dev) is accepted.
    secrets: generateSecrets(),
  });
  return async () => {
    await Promise.allSettled([dynamo.stop(), s3.stop()]);
    await rm(s3Dir, { recursive: true, force: true });
  };
}

/** DynamoDB Local (Java) needs a concrete port: ask the OS for a free one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
