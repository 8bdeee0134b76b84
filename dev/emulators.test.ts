/**
 * The local emulators the whole test suite stands on: DynamoDB Local (Java) and s3rver.
 * These start real processes and servers, hence the generous timeouts.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import crypto from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { DYNAMO_LOCAL_CREDENTIALS, startDynamoLocal, type DynamoLocal } from "./dynamodb";
import { s3ClientConfig, startS3Local, type BucketSpec, type S3Local } from "./s3";

const SLOW = 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** A port nobody listens on right now (the OS picks it; we release it and reuse the number). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Pids of java processes started with `-port <port>` (DynamoDB Local's command line). */
function javaPidsOnPort(port: number): number[] {
  const lines = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n");
  return lines
    .filter((line) => /\bjava\b/.test(line) && new RegExp(`-port ${port}(\\s|$)`).test(line))
    .map((line) => Number.parseInt(line.trim(), 10));
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

function dynamoClient(
  endpoint: string,
  region = "local",
  credentials: { accessKeyId: string; secretAccessKey: string } = DYNAMO_LOCAL_CREDENTIALS,
): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials });
}

async function createThingsTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
}

// Whatever happens in a test, no emulator outlives the file.
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe("DynamoDB Local", () => {
  it(
    "starts in memory, supports transactions, shares tables across credentials, and leaves no java after stop",
    async () => {
      const port = await freePort();
      const started = Date.now();
      const dynamo: DynamoLocal = await startDynamoLocal({ port });
      cleanups.push(() => dynamo.stop());
      console.log(`DynamoDB Local (in memory) answered after ${Date.now() - started} ms`);
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${port}`);
      expect(javaPidsOnPort(port)).toHaveLength(1);

      const client = dynamoClient(dynamo.endpoint);
      try {
        await createThingsTable(client, "Things");
        await client.send(
          new PutItemCommand({ TableName: "Things", Item: { pk: { S: "USER#1" }, sk: { S: "PROFILE" }, name: { S: "Ana" } } }),
        );
        const got = await client.send(
          new GetItemCommand({ TableName: "Things", Key: { pk: { S: "USER#1" }, sk: { S: "PROFILE" } } }),
        );
        expect(got.Item?.name?.S).toBe("Ana");

        // The email-guard pattern: the whole transaction is refused when one condition fails.
        const transaction = client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: "Things", Item: { pk: { S: "USER#2" }, sk: { S: "PROFILE" } } } },
              {
                Put: {
                  TableName: "Things",
                  Item: { pk: { S: "USER#1" }, sk: { S: "PROFILE" } },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
            ],
          }),
        );
        await expect(transaction).rejects.toBeInstanceOf(TransactionCanceledException);
        const untouched = await client.send(
          new GetItemCommand({ TableName: "Things", Key: { pk: { S: "USER#2" }, sk: { S: "PROFILE" } } }),
        );
        expect(untouched.Item).toBeUndefined();

        // -sharedDb: another region and access key see the same tables.
        const other = dynamoClient(dynamo.endpoint, "eu-west-1", { accessKeyId: "other", secretAccessKey: "other" });
        expect((await other.send(new ListTablesCommand({}))).TableNames).toContain("Things");
        other.destroy();
      } finally {
        client.destroy();
      }

      await dynamo.stop();
      expect(javaPidsOnPort(port)).toEqual([]);
      await dynamo.stop(); // a second stop is harmless
    },
    SLOW,
  );

  it(
    "keeps tables on disk across a restart when given a data dir",
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "dynamo-data-"));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const port = await freePort();

      const first = await startDynamoLocal({ port, dataDir });
      cleanups.push(() => first.stop());
      const client = dynamoClient(first.endpoint);
      await createThingsTable(client, "Persisted");
      await client.send(new PutItemCommand({ TableName: "Persisted", Item: { pk: { S: "A" }, sk: { S: "B" }, v: { N: "7" } } }));
      client.destroy();
      await first.stop();
      // -sharedDb writes one file for every key/region.
      expect(readdirSync(dataDir)).toContain("shared-local-instance.db");

      const second = await startDynamoLocal({ port, dataDir });
      cleanups.push(() => second.stop());
      const again = dynamoClient(second.endpoint);
      try {
        expect((await again.send(new ListTablesCommand({}))).TableNames).toEqual(["Persisted"]);
        const item = await again.send(new GetItemCommand({ TableName: "Persisted", Key: { pk: { S: "A" }, sk: { S: "B" } } }));
        expect(item.Item?.v?.N).toBe("7");
      } finally {
        again.destroy();
        await second.stop();
      }
      expect(javaPidsOnPort(port)).toEqual([]);
    },
    SLOW,
  );

  it("refuses a port that is already taken, with a clear message", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(startDynamoLocal({ port })).rejects.toThrow(/port \d+ is already in use/);
      expect(javaPidsOnPort(port)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it(
    "kills java when the parent process dies of an uncaught exception",
    async () => {
      const port = await freePort();
      const scriptDir = mkdtempSync(path.join(os.tmpdir(), "dynamo-parent-"));
      cleanups.push(async () => rmSync(scriptDir, { recursive: true, force: true }));
      const script = path.join(scriptDir, "parent.mjs");
      writeFileSync(
        script,
        [
          `const { startDynamoLocal } = await import(${JSON.stringify(path.join(here, "dynamodb.ts"))});`,
          `await startDynamoLocal({ port: ${port} });`,
          `console.log("ready");`,
          // Die abruptly (no stop()) as soon as the test says so.
          `process.stdin.once("data", () => { throw new Error("abrupt parent death"); });`,
        ].join("\n"),
      );
      const parent = spawn(process.execPath, ["--import", "tsx", script], {
        cwd: path.resolve(here, ".."),
        stdio: ["pipe", "pipe", "pipe"],
      });
      cleanups.push(async () => {
        parent.kill("SIGKILL");
        for (const pid of javaPidsOnPort(port)) process.kill(pid, "SIGKILL");
      });
      let stderr = "";
      parent.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => parent.once("exit", (code) => resolve(code)));

      await new Promise<void>((resolve, reject) => {
        parent.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("ready")) resolve();
        });
        void exited.then(() => reject(new Error(`parent exited before ready:\n${stderr}`)));
      });
      expect(javaPidsOnPort(port)).toHaveLength(1); // the check below means something

      parent.stdin.write("go\n");
      expect(await exited).not.toBe(0);
      expect(stderr).toContain("abrupt parent death");
      expect(await eventually(() => javaPidsOnPort(port).length === 0)).toBe(true);
    },
    SLOW,
  );
});

describe("s3rver", () => {
  const origin = "http://localhost:5173";
  const bucket: BucketSpec = {
    name: "media-test",
    cors: {
      allowedOrigins: [origin],
      allowedMethods: ["GET", "PUT", "POST"],
      allowedHeaders: ["*"],
      exposeHeaders: ["etag"],
      maxAgeSeconds: 300,
    },
  };

  it(
    "stores objects byte for byte, lists them page by page (DES shim), answers CORS preflights, and stops",
    async () => {
      const directory = mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
      cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
      const s3: S3Local = await startS3Local({ port: 0, directory, buckets: [bucket] });
      cleanups.push(() => s3.stop());
      expect(s3.port).toBeGreaterThan(0);
      expect(s3.endpoint).toBe(`http://127.0.0.1:${s3.port}`);

      const events: string[] = [];
      s3.server.on("event", (event: { Records: Array<{ eventName: string; s3: { object: { key: string } } }> }) => {
        for (const record of event.Records) events.push(`${record.eventName} ${record.s3.object.key}`);
      });

      const client = new S3Client(s3ClientConfig(s3.endpoint));
      try {
        const bytes = randomBytes(200_000);
        await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: "uploads/a.bin", Body: bytes }));
        const got = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: "uploads/a.bin" }));
        expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes)).toBe(true);

        // A streamed body: with the SDK's default checksums s3rver would keep aws-chunked framing in the object.
        const streamed = randomBytes(50_000);
        await client.send(
          new PutObjectCommand({
            Bucket: bucket.name,
            Key: "uploads/b.bin",
            Body: Readable.from([streamed.subarray(0, 20_000), streamed.subarray(20_000)]),
            ContentLength: streamed.length,
          }),
        );
        const gotStreamed = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: "uploads/b.bin" }));
        expect(Buffer.from(await gotStreamed.Body!.transformToByteArray()).equals(streamed)).toBe(true);

        await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: "uploads/c.bin", Body: "c" }));
        // MaxKeys 1 forces truncated pages: s3rver builds (and later reads) a DES continuation token for each.
        const keys: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket.name, Prefix: "uploads/", MaxKeys: 1, ContinuationToken: token }),
          );
          keys.push(...(page.Contents ?? []).map((object) => object.Key!));
          token = page.NextContinuationToken;
          pages++;
        } while (token && pages < 10);
        expect(keys).toEqual(["uploads/a.bin", "uploads/b.bin", "uploads/c.bin"]);
        expect(pages).toBe(3);

        expect(events).toContain("ObjectCreated:Put uploads/a.bin");
      } finally {
        client.destroy();
      }

      const preflight = await fetch(`${s3.endpoint}/${bucket.name}/uploads/new.jpg`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get("access-control-allow-origin")).not.toBeNull();
      expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");

      const denied = await fetch(`${s3.endpoint}/${bucket.name}/uploads/new.jpg`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "PUT" },
      });
      expect(denied.status).toBe(403);
      expect(denied.headers.get("access-control-allow-origin")).toBeNull();

      await s3.stop();
      await expect(fetch(`${s3.endpoint}/${bucket.name}`)).rejects.toThrow();
      // Objects live on disk under the directory (dev data survives restarts).
      expect(existsSync(path.join(directory, bucket.name))).toBe(true);
    },
    SLOW,
  );

  it("leaves every other cipher alone after the DES shim is installed", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const s3 = await startS3Local({ port: 0, directory, buckets: [] });
    await s3.stop();
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: 12 });
    const sealed = Buffer.concat([cipher.update("hola", "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    expect(tag).toHaveLength(12); // the options argument still reaches OpenSSL
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 12 });
    decipher.setAuthTag(tag);
    expect(Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8")).toBe("hola");
  });
});
