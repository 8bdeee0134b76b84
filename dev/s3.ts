/**
 * s3rver (a local S3 on the file system) for `npm run dev` and the tests.
 *
 * Known gaps of s3rver, handled elsewhere (see DESIGN.md "Local runtime"): it does not check signatures or POST
 * policies, does not filter notification events by prefix, does not URL-encode keys in events and emits nothing
 * for DeleteObjects. What it lacks of multipart uploads (ListParts, AbortMultipartUpload, checks of the part list) is
 * filled in by dev/s3-multipart.ts.
 */
import crypto from "node:crypto";
import type { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { extendMultipart, type MultipartHost } from "./s3-multipart";

export interface BucketSpec {
  name: string;
  cors: {
    allowedOrigins: string[];
    allowedMethods: string[];
    allowedHeaders: string[];
    exposeHeaders: string[];
    maxAgeSeconds: number;
  };
}

/**
 * The part of the s3rver instance (a Koa app, hence an EventEmitter) that we use. s3rver ships no types, and a
 * `declare module` would need a separate .d.ts file, so the shape is written down here.
 * Events: `event` (S3-shaped notification records), `error` (err, koaContext).
 */
export interface S3rver extends EventEmitter {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  reset(): void;
  httpServer?: Server;
}

interface S3rverOptions {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: Array<{ name: string; configs: string[] }>;
}

export interface S3Local {
  /** `http://127.0.0.1:PORT`: use with `s3ClientConfig()`. */
  endpoint: string;
  port: number;
  /** The s3rver instance, to listen to its `event`s (the local S3 -> SQS bridge). */
  server: S3rver;
  stop(): Promise<void>;
}

// s3rver is CommonJS without types: load it with require and give it the shape above.
const require = createRequire(import.meta.url);
const S3rverClass = require("s3rver") as new (options: S3rverOptions) => S3rver;

export async function startS3Local(options: { port: number; directory: string; buckets: BucketSpec[] }): Promise<S3Local> {
  installDesShim();
  const directory = path.resolve(options.directory);
  mkdirSync(directory, { recursive: true });

  const server = new S3rverClass({
    address: "127.0.0.1",
    port: options.port,
    directory,
    // s3rver logs every request at info level; far too chatty next to the API's own logs.
    silent: true,
    // Applied by run() before listening; re-applying to an existing bucket just replaces the CORS config.
    configureBuckets: options.buckets.map((bucket) => ({ name: bucket.name, configs: [corsXml(bucket.cors)] })),
  });

  extendMultipart(server as unknown as MultipartHost);

  // `silent` also mutes Koa's default error logging, which would hide real bugs (an OpenSSL refusal showed up
  // only as "We encountered an internal error"). S3 errors such as NoSuchKey are answers, not bugs: log only 5xx.
  server.on("error", (error: Error & { status?: number }, ctx?: { method?: string; url?: string }) => {
    if ((error.status ?? 500) < 500) return;
    // A client that hangs up mid-download is not a server bug: the pipeline cuts oversized downloads on purpose. Nor
    // one that hangs up mid-upload (a browser's dropped part: Node's parser sees the request end early).
    if (["ECONNRESET", "HPE_INVALID_EOF_STATE"].includes((error as { code?: string }).code ?? "")) return;
    console.error(`[s3rver] ${ctx?.method ?? "?"} ${ctx?.url ?? "?"} failed:`, error);
  });

  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;

  return {
    endpoint,
    port: address.port,
    server,
    stop: async () => {
      const closing = server.close();
      // server.close() waits for keep-alive sockets (the SDK keeps them open): cut them so stop is prompt.
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}

/** Client settings that work with s3rver; pass to `new S3Client(...)` (tests, dev tools, the local bindings). */
export function s3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: "us-east-1",
    // s3rver serves buckets as path segments; virtual-hosted names would need DNS for *.127.0.0.1.
    forcePathStyle: true,
    // s3rver does not check signatures but requires these exact credentials to be present.
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    // Measured: with the SDK's default checksums s3rver stores the aws-chunked framing inside streamed objects,
    // and presigned URLs carry a checksum the browser cannot match.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
}

/** The bucket's CORS rules as the S3 `CORSConfiguration` XML document that s3rver (like S3's API) expects. */
export function corsXml(cors: BucketSpec["cors"]): string {
  const elements = (tag: string, values: string[]) => values.map((value) => `<${tag}>${escapeXml(value)}</${tag}>`);
  return [
    '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    "<CORSRule>",
    ...elements("AllowedOrigin", cors.allowedOrigins),
    ...elements("AllowedMethod", cors.allowedMethods),
    ...elements("AllowedHeader", cors.allowedHeaders),
    ...elements("ExposeHeader", cors.exposeHeaders),
    `<MaxAgeSeconds>${Math.trunc(cors.maxAgeSeconds)}</MaxAgeSeconds>`,
    "</CORSRule>",
    "</CORSConfiguration>",
  ].join("");
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** createCipheriv/createDecipheriv, loosely typed: the wrapper forwards every argument (options included). */
type CipherFactory = (algorithm: string, key: unknown, iv: unknown, ...rest: unknown[]) => unknown;
const SHIM_INSTALLED = Symbol.for("dulcevicio.s3rver-des-shim");

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES (`createCipheriv('des', 8-byte key, 8-byte iv)`
 * in lib/controllers/bucket.js), which OpenSSL 3 only offers in its legacy provider: every truncated listing, and
 * every request that carries a continuation token, fails with ERR_OSSL_EVP_UNSUPPORTED.
 *
 * The token is opaque and only s3rver itself decrypts it, so any cipher works as long as both directions agree.
 * We replace exactly the algorithm name 'des' (nothing else in the process can use it on OpenSSL 3 anyway) with
 * AES-128-CBC, widening the 8-byte key and IV to 16 bytes by repeating them. The patch is process-wide because
 * s3rver calls `crypto.createCipheriv` through the shared `crypto` module object; it is installed once.
 */
function installDesShim(): void {
  // The default import is the same object that s3rver gets from require('crypto'); its properties are writable.
  const shared = crypto as unknown as { createCipheriv: CipherFactory; createDecipheriv: CipherFactory } & Record<symbol, boolean>;
  if (shared[SHIM_INSTALLED]) return;
  const isDesBlock = (value: unknown): value is Buffer => Buffer.isBuffer(value) && value.length === 8;
  const wrap =
    (original: CipherFactory): CipherFactory =>
    (algorithm, key, iv, ...rest) => {
      if (algorithm.toLowerCase() === "des" && isDesBlock(key) && isDesBlock(iv)) {
        return original("aes-128-cbc", Buffer.concat([key, key]), Buffer.concat([iv, iv]));
      }
      return original(algorithm, key, iv, ...rest);
    };
  shared.createCipheriv = wrap(shared.createCipheriv);
  shared.createDecipheriv = wrap(shared.createDecipheriv);
  shared[SHIM_INSTALLED] = true;
}
