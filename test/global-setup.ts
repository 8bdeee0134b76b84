import net from "node:net";
import type { TestProject } from "vitest/node";
import { bucketNameFor } from "../dev/bindings";
import { startDynamoLocal } from "../dev/dynamodb";
import { generateSecrets, type StageSecrets } from "../dev/secrets";

declare module "vitest" {
  export interface ProvidedContext {
    localStack: { dynamoEndpoint: string; bucketName: string; secrets: StageSecrets };
  }
}

/** Starts DynamoDB Local once for the whole run; each test file then creates its own table and S3 (test/setup-bindings.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  project.provide("localStack", {
    dynamoEndpoint: dynamo.endpoint,
    bucketName: bucketNameFor("test"),
    // Fresh per run: nothing signed by an earlier run (or by dev) is accepted.
    secrets: generateSecrets(),
  });
  return () => dynamo.stop();
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
