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
  // Port 0: startDynamoLocal picks a free one (Java needs a concrete port).
  const dynamo = await startDynamoLocal({ port: 0 });
  project.provide("localStack", {
    dynamoEndpoint: dynamo.endpoint,
    bucketName: bucketNameFor("test"),
    // Fresh per run: nothing signed by an earlier run (or by dev) is accepted.
    secrets: generateSecrets(),
  });
  return () => dynamo.stop();
}
