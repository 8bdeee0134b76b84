import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3EventRecord } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeS3Key } from "../core/media/events";
import { bridgeS3Events, encodeS3EventKey } from "./event-bridge";
import { createQueue, type LocalQueue } from "./queue";
import { s3ClientConfig, startS3Local, type S3Local } from "./s3";

const BUCKET = "test-bucket";

describe("encodeS3EventKey", () => {
  it.each([
    ["uploads/a b/ñ+1.jpg", "uploads/a+b/%C3%B1%2B1.jpg"],
    // Observed on S3 (aws/aws-sdk-net#640, aws/aws-sdk-js#837, aws/aws-sam-cli#379).
    ["this im + age blah.txt", "this+im+%2B+age+blah.txt"],
    ["test/10:47:07.20151213-1450022300.log.bz2", "test/10%3A47%3A07.20151213-1450022300.log.bz2"],
    ["something/dt=2018-05-04/_SUCCESS", "something/dt%3D2018-05-04/_SUCCESS"],
    ["media/recipes/01J/01K/01M.jpg", "media/recipes/01J/01K/01M.jpg"],
    ["(1) copy~'!*.jpg", "%281%29+copy%7E%27%21*.jpg"],
    ["tarta 🍰.jpg", "tarta+%F0%9F%8D%B0.jpg"],
  ])("%s -> %s", (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it("is undone by the consumers' decodeS3Key", () => {
    for (const key of ["uploads/a b/ñ+1.jpg", "100% ñandú/(x)&y=z?.jpg", "e\u0301 🍰/+/%2B"]) {
      expect(decodeS3Key(encodeS3EventKey(key))).toBe(key);
    }
  });
});

describe("the S3 event bridge", () => {
  let s3Local: S3Local;
  let s3: S3Client;
  let directory: string;
  let bridge: { close(): void };
  const received = { Uploads: [] as S3EventRecord[], PdfRebuilds: [] as S3EventRecord[] };
  const messageBodies: string[] = [];
  let queues: { Uploads: LocalQueue; PdfRebuilds: LocalQueue };

  const collecting = (name: keyof typeof received) =>
    createQueue({
      name,
      consumer: async () => async (event) => {
        for (const record of event.Records) {
          messageBodies.push(record.body);
          received[name].push(...(JSON.parse(record.body) as { Records: S3EventRecord[] }).Records);
        }
      },
    });
  const drained = () => Promise.all([queues.Uploads.drain(), queues.PdfRebuilds.drain()]);
  const put = (key: string, body: string | Uint8Array = "x") => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "dulcevicio-event-bridge-"));
    s3Local = await startS3Local({
      port: 0,
      directory,
      buckets: [
        {
          name: BUCKET,
          cors: { allowedOrigins: ["*"], allowedMethods: ["GET", "PUT", "POST"], allowedHeaders: ["*"], exposeHeaders: [], maxAgeSeconds: 60 },
        },
      ],
    });
    s3 = new S3Client(s3ClientConfig(s3Local.endpoint));
    queues = { Uploads: collecting("Uploads"), PdfRebuilds: collecting("PdfRebuilds") };
    bridge = bridgeS3Events({ server: s3Local.server, queues });
  });

  afterAll(async () => {
    bridge?.close();
    s3?.destroy();
    await Promise.allSettled([queues?.Uploads.close(), queues?.PdfRebuilds.close(), s3Local?.stop()]);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.Uploads.length = 0;
    received.PdfRebuilds.length = 0;
    messageBodies.length = 0;
  });

  it("sends an upload's ObjectCreated:Put to Uploads only, as S3 writes it into an SQS message", async () => {
    const key = "uploads/recipe-image/C/R/U";
    const before = new Date().toISOString();
    await put(key, "image bytes");
    await drained();
    expect(received.PdfRebuilds).toEqual([]);
    expect(received.Uploads).toEqual([
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: expect.any(String),
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: expect.any(String) },
        requestParameters: { sourceIPAddress: expect.any(String) },
        responseElements: { "x-amz-request-id": expect.any(String), "x-amz-id-2": expect.any(String) },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "Uploads",
          bucket: { name: BUCKET, ownerIdentity: { principalId: expect.any(String) }, arn: `arn:aws:s3:::${BUCKET}` },
          object: {
            key,
            size: "image bytes".length,
            eTag: createHash("md5").update("image bytes").digest("hex"),
            sequencer: expect.stringMatching(/^[0-9A-F]+$/),
          },
        },
      },
    ]);
    expect(received.Uploads[0]!.eventTime >= before).toBe(true);
    // One record per message, as S3 sends them.
    expect(messageBodies.map((body) => (JSON.parse(body) as { Records: unknown[] }).Records.length)).toEqual([1]);
  });

  it("sends a normalized recipe image's ObjectCreated to PdfRebuilds only", async () => {
    await put("media/recipes/C/R/U.jpg");
    await drained();
    expect(received.Uploads).toEqual([]);
    expect(received.PdfRebuilds.map((r) => [r.eventName, r.s3.object.key, r.s3.configurationId])).toEqual([
      ["ObjectCreated:Put", "media/recipes/C/R/U.jpg", "PdfRebuilds"],
    ]);
  });

  it("sends nothing for keys no rule selects", async () => {
    await put("media/recipes/C/R/U.png");
    await put("media/pdf/x.pdf");
    await put("media/thumbnails/C/T.jpg");
    await drained();
    expect(received).toEqual({ Uploads: [], PdfRebuilds: [] });
  });

  it("sends a recipe image's deletion to PdfRebuilds as ObjectRemoved:Delete, ordered after its creation", async () => {
    const key = "media/recipes/C/R/deleted.jpg";
    await put(key);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    await drained();
    expect(received.PdfRebuilds.map((r) => r.eventName)).toEqual(["ObjectCreated:Put", "ObjectRemoved:Delete"]);
    const [created, removed] = received.PdfRebuilds;
    // S3 puts neither size nor eTag into ObjectRemoved events.
    expect(removed!.s3.object).toEqual({ key, sequencer: expect.any(String) });
    expect(BigInt(`0x${removed!.s3.object.sequencer}`)).toBeGreaterThan(BigInt(`0x${created!.s3.object.sequencer}`));
  });

  it("URL-encodes the key as S3 does", async () => {
    await put("uploads/recipe-image/mi foto ñ+1.jpg");
    await drained();
    expect(received.Uploads.map((r) => r.s3.object.key)).toEqual(["uploads/recipe-image/mi+foto+%C3%B1%2B1.jpg"]);
  });

  it("sends a browser's presigned-POST upload to Uploads as ObjectCreated:Post", async () => {
    const key = "uploads/recipe-image/C/R/posted";
    const form = new FormData();
    form.append("key", key);
    form.append("Content-Type", "image/jpeg");
    form.append("file", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: "image/jpeg" }), "photo.jpg");
    const response = await fetch(`${s3Local.endpoint}/${BUCKET}`, { method: "POST", body: form });
    expect(response.status).toBe(204);
    await drained();
    expect(received.PdfRebuilds).toEqual([]);
    expect(received.Uploads.map((r) => [r.eventName, r.s3.object.key, r.s3.object.size])).toEqual([["ObjectCreated:Post", key, 4]]);
  });

  it("stops forwarding once closed", async () => {
    const server = s3Local.server;
    const before = server.listenerCount("event");
    const extra = bridgeS3Events({ server, queues });
    expect(server.listenerCount("event")).toBe(before + 1);
    extra.close();
    expect(server.listenerCount("event")).toBe(before);
    await put("uploads/recipe-image/C/R/once");
    await drained();
    expect(received.Uploads).toHaveLength(1);
  });
});
