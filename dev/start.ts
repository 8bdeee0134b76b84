/**
 * `npm run dev`: the whole backend on this machine, no AWS account needed.
 *
 *   DynamoDB Local (Java)  <-  handlers  <-  local API Gateway (HTTP API, payload 2.0)  <-  http://localhost:3000
 *   s3rver (S3 on disk)    <-
 *      └─ events (filtered like the stack) -> local queues -> media consumers (normalize, rebuild the PDF)
 *   the table's stream -> stream consumers (notifications) -> local queues -> the sender -> local SMTP server + inbox page
 *
 * The admin console (console/) is built into .build/console/ on start and served at /admin.
 * State lives under DATA_DIR (default .data/), so a restart loses nothing. Ctrl-C stops everything.
 */
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { bucketCorsRule, DEFAULT_DEV_ORIGINS, parseAllowedOrigins } from "../core/http/cors";
import { applyBindings, bucketNameFor, LOCAL_REGION, tableNameFor } from "./bindings";
import { buildConsole } from "./console";
import { DYNAMO_LOCAL_CREDENTIALS, startDynamoLocal, type DynamoLocal } from "./dynamodb";
import { startLocalMail, type LocalMail } from "./mail";
import { startWorkers, type Workers } from "./workers";
import { startS3Local, type S3Local } from "./s3";
import { loadOrCreateSecrets } from "./secrets";
import { ensureTable } from "./table";
import type { LocalGateway } from "./gateway";

const settings = {
  port: Number(process.env.PORT ?? 3000),
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
  s3Port: Number(process.env.S3_PORT ?? 4569),
  sqsPort: Number(process.env.SQS_PORT ?? 9324),
  smtpPort: Number(process.env.SMTP_PORT ?? 1025),
  mailWebPort: Number(process.env.MAIL_WEB_PORT ?? 1080),
  dataDir: path.resolve(process.env.DATA_DIR ?? ".data"),
  adminEmail: process.env.DEV_ADMIN_EMAIL ?? "admin@dulcevicio.local",
  adminPassword: process.env.DEV_ADMIN_PASSWORD ?? "dulcevicio-admin",
  stage: "local",
};

let dynamo: DynamoLocal | undefined;
let s3: S3Local | undefined;
let api: LocalGateway | undefined;
let workers: Workers | undefined;
let mail: LocalMail | undefined;

async function main(): Promise<void> {
  const origins = parseAllowedOrigins(process.env.ALLOWED_ORIGINS, DEFAULT_DEV_ORIGINS);
  const tableName = tableNameFor(settings.stage);
  const bucketName = bucketNameFor(settings.stage);

  dynamo = await startDynamoLocal({ port: settings.dynamoPort, dataDir: path.join(settings.dataDir, "dynamodb") });
  s3 = await startS3Local({
    port: settings.s3Port,
    directory: path.join(settings.dataDir, "s3"),
    buckets: [{ name: bucketName, cors: bucketCorsRule(origins) }],
  });
  const secrets = await loadOrCreateSecrets(settings.dataDir);
  mail = await startLocalMail({ smtpPort: settings.smtpPort, webPort: settings.mailWebPort, directory: path.join(settings.dataDir, "mail") });
  workers = await startWorkers({ s3: s3.server, sqsPort: settings.sqsPort, table: { endpoint: dynamo.endpoint, name: tableName }, streamStart: "LATEST", schedules: true });
  applyBindings({
    stage: settings.stage,
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    sqsEndpoint: workers.sqsEndpoint,
    queueUrls: workers.queueUrls,
    tableName,
    bucketName,
    ...secrets,
    smtpUrl: mail.smtpUrl,
    apiBaseUrl: `http://localhost:${settings.port}`,
  });

  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });
  const table = await ensureTable(client, tableName);
  // The app's modules read their bindings at import: only now may they be loaded.
  const { ensureFirstAdmin } = await import("./admin");
  const admin = await ensureFirstAdmin({ email: settings.adminEmail, password: settings.adminPassword });
  const { startApi } = await import("./api");
  api = await startApi({ port: settings.port, consoleDir: await buildConsole() });

  const localhost = api.url.replace("127.0.0.1", "localhost");
  console.log(`DynamoDB Local  ${dynamo.endpoint}  table ${tableName} (${table})`);
  console.log(`S3 (s3rver)     ${s3.endpoint}  bucket ${bucketName}`);
  console.log(`SQS (local)     ${workers.sqsEndpoint}  queues ${Object.keys(workers.queues).join(", ")} (S3 events bridged as on AWS)`);
  console.log(`Mail (SMTP)     ${mail.smtpUrl}  inbox ${mail.webUrl}  (every email the app sends lands here)`);
  console.log(`API             ${localhost}/api  (health: ${localhost}/api/health)`);
  console.log(`API reference   ${localhost}/api/docs  (OpenAPI 3.1: ${localhost}/api/openapi.json)`);
  console.log(`JWKS            ${localhost}/.well-known/jwks.json`);
  console.log(`Admin console   ${localhost}/admin`);
  // The browser posts files straight to S3, whose CORS rule lists ALLOWED_ORIGINS: without the console's origin
  // every upload fails in the browser (by default the list has http://localhost:3000 and :5173 only).
  if (!origins.includes(localhost)) console.warn(`                (ALLOWED_ORIGINS lacks ${localhost}: the console cannot upload files)`);
  console.log(
    admin === "created"
      ? `Admin           ${settings.adminEmail} / ${settings.adminPassword === "dulcevicio-admin" ? "dulcevicio-admin (the default; set DEV_ADMIN_PASSWORD)" : "(DEV_ADMIN_PASSWORD)"}`
      : "Admin           an admin already exists (DEV_ADMIN_EMAIL is used only for the first one)",
  );
  console.log(`Data            ${settings.dataDir}`);
  console.log("Ready. Ctrl-C stops everything.");
}

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await api?.close();
    // Consumers still running must finish before the stores they write to go away.
    await workers?.close();
    await mail?.close();
    await s3?.stop();
    await dynamo?.stop();
  }
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

main().catch(async (error: unknown) => {
  console.error(`\nnpm run dev could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
