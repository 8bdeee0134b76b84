/**
 * Synthesizes the real stacks offline (no AWS credentials) and checks what the route and consumer tables promise:
 * one function per route in its area stack, room for the routes to come within CloudFormation's limits, least
 * privilege per function, alarms that reach someone, logs that expire, and cdk-nag clean with written suppressions.
 * `app.synth()` bundles every handler with esbuild, so the handler files must exist.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Aspects, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { App } from "sst/constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRETS_FALLBACK_VARIABLE } from "../core/bindings";
import { MAX_RECEIVE_COUNT, QUEUE_NAMES, queueConsumers, scheduledJobs, streamConsumers, type QueueConsumer, type StreamConsumer } from "../core/consumers";
import { tableSchema } from "../core/db/table-schema";
import { PREFIX, type BucketPrefix } from "../core/media/keys";
import { NOTIFICATIONS } from "../core/media/notifications";
import { TESSDATA_DIR } from "../core/media/ocr";
import { DOCS_ASSETS, DOCS_ASSETS_PACKAGE } from "../core/openapi/docs";
import { routeKey, routes, type Resource as Uses, type Route } from "../core/routes";
import { buildStacks } from "../dev/synth";
import { Alerts } from "../stacks/Alerts";
import { API_ALARMS, API_THROTTLE } from "../stacks/Api";
import { API_AREAS, areaOf } from "../stacks/ApiRoutes";
import { stageConfig } from "../stacks/config";
import { functionAccess, grantsFor } from "../stacks/grants";
import { MAIL_ALARMS } from "../stacks/Mail";
import { installSharpFor } from "../stacks/native";
import { isEphemeralStage } from "../stacks/stage";
import { MEDIA_RECOVERY_DAYS, Storage } from "../stacks/Storage";

const ORIGINS = ["https://dulcevicio.example", "https://admin.dulcevicio.example"];
const CONFIG = {
  ALLOWED_ORIGINS: ORIGINS.join(","),
  SPA_BASE_URL: "https://dulcevicio.example",
  ALARM_EMAIL: "oncall@dulcevicio.example",
  MAIL_FROM: "DulceVicio <no-reply@dulcevicio.example>",
};
const SERVICE = "dulcevicio-api";
/** CloudFormation's hard limits per stack, and the share of them a stack may use before a test fails. */
const LIMITS = { resources: 500, templateBytes: 1_000_000, share: 0.8 };
/** The routes the area stacks must have room for (the next issues add about 40 to today's 61). */
const ROUTES_TO_HOLD = 200;

type Json = Record<string, unknown>;
interface Statement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource?: unknown;
  Condition?: Json;
}
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface SynthesizedStack {
  /** `Storage`, `ApiCatalog`, …: the stack function's name. */
  name: string;
  template: Template;
  resources: Record<string, Resource>;
  templateBytes: number;
  messages: CloudAssembly["stacks"][number]["messages"];
}

let assembly: CloudAssembly;
const stacks = new Map<string, SynthesizedStack>();
const stackOf = (name: string): SynthesizedStack => {
  const stack = stacks.get(name);
  if (!stack) throw new Error(`no stack ${name} (have ${[...stacks.keys()].join(", ")})`);
  return stack;
};
/** A function of the app: the stack it is in, its logical id and resource. */
interface FunctionRef {
  stack: SynthesizedStack;
  id: string;
  fn: Resource;
}
const functionOfRoute = new Map<string, FunctionRef>();

beforeAll(async () => {
  const app = await buildStacks({ stage: "test", config: CONFIG });
  // Both packs over every stack, as the deploy's synth would run them; findings land in the assembly's messages.
  Aspects.of(app).add(new AwsSolutionsChecks());
  Aspects.of(app).add(new ServerlessChecks());
  assembly = app.synth();
  for (const artifact of assembly.stacks) {
    const name = artifact.stackName.replace(/^test-dulcevicio-/, "");
    const file = path.join(assembly.directory, artifact.templateFile);
    const template = Template.fromJSON(artifact.template as Json);
    stacks.set(name, { name, template, resources: artifact.template.Resources as Record<string, Resource>, templateBytes: statSync(file).size, messages: artifact.messages });
  }
  for (const stack of stacks.values()) {
    for (const route of Object.values(stack.resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Route")) {
      const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(route.Properties.Target))?.[1];
      const integration = integrationId ? stack.resources[integrationId] : undefined;
      const fnId = (integration?.Properties.IntegrationUri as { "Fn::GetAtt"?: [string, string] } | undefined)?.["Fn::GetAtt"]?.[0];
      if (fnId && stack.resources[fnId]) functionOfRoute.set(String(route.Properties.RouteKey), { stack, id: fnId, fn: stack.resources[fnId]! });
    }
  }
}, 600_000);

afterAll(async () => {
  if (assembly?.directory.startsWith(tmpdir())) await rm(assembly.directory, { recursive: true, force: true });
});

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const allResources = (): [SynthesizedStack, string, Resource][] => [...stacks.values()].flatMap((stack) => Object.entries(stack.resources).map(([id, r]) => [stack, id, r] as [SynthesizedStack, string, Resource]));
const ofType = (type: string) => allResources().filter(([, , r]) => r.Type === type);

function fnOf(route: Route): FunctionRef {
  const ref = functionOfRoute.get(routeKey(route));
  if (!ref) throw new Error(`no function behind ${routeKey(route)}`);
  return ref;
}

/** The function of a consumer row: found by its handler. */
function fnOfConsumer(row: Pick<QueueConsumer, "handler">): FunctionRef {
  const found = ofType("AWS::Lambda::Function").filter(([, , fn]) => fn.Properties.Handler === `functions/${row.handler}.handler`);
  expect(found, row.handler).toHaveLength(1);
  const [stack, id, fn] = found[0]!;
  return { stack, id, fn };
}

const envOf = ({ fn }: FunctionRef): Record<string, unknown> => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};

/** Allow statements of the policies attached to a function's role. */
function statementsOf({ stack, fn }: FunctionRef): Statement[] {
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return Object.values(stack.resources)
    .filter((r) => r.Type === "AWS::IAM::Policy" && JSON.stringify(r.Properties.Roles).includes(`"Ref":"${role}"`))
    .flatMap((r) => asArray((r.Properties.PolicyDocument as { Statement: Statement | Statement[] }).Statement))
    .filter((s) => s.Effect === "Allow");
}

function actionsOf(ref: FunctionRef, service: string): string[] {
  return [...new Set(statementsOf(ref).flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith(`${service}:`)))].sort();
}

/** For each S3 object action, the key prefixes its statements name (`media/videos/`…), from the resources' ARNs. */
function bucketPrefixesOf(ref: FunctionRef): Record<string, string[]> {
  const prefixes: Record<string, string[]> = {};
  for (const statement of statementsOf(ref)) {
    for (const action of asArray(statement.Action).filter((a) => a.startsWith("s3:") && a !== "s3:ListBucket")) {
      for (const resource of asArray(statement.Resource)) {
        const arn = JSON.stringify(resource);
        const prefix = /\/(?<prefix>[a-z/]*)\*"\]\]\}$/.exec(arn)?.groups?.prefix;
        expect(prefix, `${action} on ${arn}`).toBeDefined();
        (prefixes[action] ??= []).push(prefix!);
      }
    }
  }
  return Object.fromEntries(Object.entries(prefixes).map(([action, list]) => [action, [...list].sort()]));
}

/** What `uses` asks of the bucket, as action -> prefixes. */
function expectedBucket(uses: readonly Uses[]): Record<string, string[]> {
  const expected: Record<string, string[]> = {};
  // A multipart upload (core/media/multipart.ts) is started and completed as PutObject, listed and aborted by its own actions.
  const actions = { get: ["s3:GetObject"], put: ["s3:PutObject"], delete: ["s3:DeleteObject"], multipart: ["s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"] } as const;
  for (const use of uses) {
    const match = /^s3:(get|put|delete|multipart):(\w+)$/.exec(use);
    if (match) for (const action of actions[match[1] as keyof typeof actions]) (expected[action] ??= []).push(PREFIX[match[2] as BucketPrefix]);
  }
  return Object.fromEntries(Object.entries(expected).map(([action, list]) => [action, [...new Set(list)].sort()]));
}

/** Secrets a function can read: the placeholder SST's runtime fetches, and the SSM parameters it may read. */
function secretsOf(ref: FunctionRef): { names: string[]; parameters: string[] } {
  const names = Object.entries(envOf(ref))
    .filter(([key, value]) => key.startsWith("SST_Secret_value_") && value === "__FETCH_FROM_SSM__")
    .map(([key]) => key.slice("SST_Secret_value_".length))
    .sort();
  const parameters = statementsOf(ref)
    .filter((s) => asArray(s.Action).includes("ssm:GetParameters"))
    .flatMap((s) => [...JSON.stringify(s.Resource).matchAll(/parameter(\/sst\/[^"]+)/g)].map((m) => m[1]!))
    .sort();
  return { names, parameters };
}

const byKey = (key: string): Route => {
  const route = routes.find((r) => routeKey(r) === key);
  if (!route) throw new Error(`route ${key} is not in the route table`);
  return route;
};

describe("CloudFormation limits", () => {
  it("keeps every stack under 80% of 500 resources and of a 1 MB template", () => {
    const over = [...stacks.values()]
      .filter((stack) => Object.keys(stack.resources).length >= LIMITS.resources * LIMITS.share || stack.templateBytes >= LIMITS.templateBytes * LIMITS.share)
      .map((stack) => `${stack.name}: ${Object.keys(stack.resources).length} resources, ${stack.templateBytes} bytes`);
    expect(over).toEqual([]);
  });

  it(`has room for ${ROUTES_TO_HOLD} routes: the cost of a route, measured, times what each area stack may hold`, () => {
    const areas = Object.keys(API_AREAS);
    // The most any area's routes cost, per route, with the area stack's fixed resources counted in: an upper bound.
    const perRoute = { resources: 0, bytes: 0 };
    for (const area of areas) {
      const stack = stackOf(area);
      const count = routes.filter((route) => areaOf(route) === area).length;
      expect(count, area).toBeGreaterThan(0);
      perRoute.resources = Math.max(perRoute.resources, Object.keys(stack.resources).length / count);
      perRoute.bytes = Math.max(perRoute.bytes, stack.templateBytes / count);
    }
    const perArea = Math.floor(Math.min((LIMITS.resources * LIMITS.share) / perRoute.resources, (LIMITS.templateBytes * LIMITS.share) / perRoute.bytes));
    const capacity = `a route costs at most ${perRoute.resources.toFixed(1)} resources and ${(perRoute.bytes / 1000).toFixed(1)} kB: ${perArea} routes per area stack, ${perArea * areas.length} in ${areas.length} areas`;
    expect(perArea * areas.length, capacity).toBeGreaterThanOrEqual(ROUTES_TO_HOLD);
    for (const area of areas) expect(routes.filter((route) => areaOf(route) === area).length, `${area}: ${capacity}`).toBeLessThan(perArea);
  });

  it("puts each route's function in the area stack of its handler's folder, and nothing of the routes in the Api stack", () => {
    for (const route of routes) expect(fnOf(route).stack.name, routeKey(route)).toBe(areaOf(route));
    expect(Object.values(stackOf("Api").resources).filter((r) => r.Type === "AWS::ApiGatewayV2::Route")).toEqual([]);
    // Every folder of functions/ with a route belongs to exactly one area.
    const folders = [...new Set(routes.map((route) => route.handler.split("/")[0]))].sort();
    expect(Object.values(API_AREAS).flat().sort()).toEqual(folders);
  });
});

describe("api: one function per route", () => {
  it("has exactly one API function per route table row, each behind its own route", () => {
    const apiFunctions = ofType("AWS::Lambda::Function").filter(([, , fn]) => JSON.stringify(fn.Properties.Environment ?? {}).includes(`"POWERTOOLS_SERVICE_NAME":"${SERVICE}"`));
    expect(apiFunctions).toHaveLength(routes.length);
    expect([...functionOfRoute.keys()].sort()).toEqual(routes.map(routeKey).sort());
    expect(new Set([...functionOfRoute.values()].map(({ id }) => id)).size).toBe(routes.length);
  });

  it("gives the search function the memory its warm index needs (bench:search)", () => {
    expect(fnOf(routes.find((route) => route.path === "/api/search")!).fn.Properties.MemorySize).toBe(1024);
  });

  it("runs each handler with the function defaults, without X-Ray", () => {
    for (const route of routes) {
      const ref = fnOf(route);
      const memory = "memoryMB" in route ? route.memoryMB : 512;
      expect(ref.fn.Properties, routeKey(route)).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: memory, Timeout: 10 });
      expect(ref.fn.Properties.TracingConfig, routeKey(route)).toBeUndefined();
      // SST rewrites the handler to the bundle's path: `<dir>/<name>.handler`.
      expect(ref.fn.Properties.Handler).toMatch(new RegExp(`${route.handler.split("/").at(-1)}\\.handler$`));
      expect(envOf(ref)).toMatchObject({ NODE_OPTIONS: "--enable-source-maps", POWERTOOLS_SERVICE_NAME: SERVICE, ALLOWED_ORIGINS: ORIGINS.join(","), SPA_BASE_URL: CONFIG.SPA_BASE_URL });
    }
    // Nothing anywhere sends traces.
    for (const [, id, fn] of ofType("AWS::Lambda::Function")) expect(fn.Properties.TracingConfig, id).toBeUndefined();
  });

  it("answers CORS for the configured origins only, throttles its stage and logs each request as JSON for a month", () => {
    const api = stackOf("Api").template;
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP", CorsConfiguration: { AllowOrigins: ORIGINS, AllowCredentials: false, MaxAge: 600 } });
    const stage = Object.values(stackOf("Api").resources).find((r) => r.Type === "AWS::ApiGatewayV2::Stage")!;
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: API_THROTTLE.rate, ThrottlingBurstLimit: API_THROTTLE.burst });
    const format = JSON.parse(String((stage.Properties.AccessLogSettings as { Format: string }).Format)) as Record<string, string>;
    expect(format).toMatchObject({ requestId: "$context.requestId", routeKey: "$context.routeKey", status: "$context.status" });
    expect(JSON.stringify(format)).not.toMatch(/querystring|authorization|\$context\.path/i);
    api.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
  });

  it("outputs the API URL, table and bucket names", () => {
    const outputs = Object.keys(stackOf("Api").template.toJSON().Outputs as Json);
    expect(outputs).toEqual(expect.arrayContaining(["ApiUrl", "TableName", "BucketName"]));
  });
});

describe("packages", () => {
  const bundleOf = (ref: FunctionRef) => path.join(assembly.directory, `asset.${(ref.fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, "")}`);

  it("ships Swagger UI's files with the docs asset function, where Node resolves them from its bundle, and with no other", () => {
    for (const route of routes) {
      const bundle = bundleOf(fnOf(route));
      expect(existsSync(path.join(bundle, "functions", `${route.handler}.mjs`)), routeKey(route)).toBe(true);
      const files = Object.keys(DOCS_ASSETS).map((name) => path.join(bundle, "node_modules", DOCS_ASSETS_PACKAGE, name));
      expect(files.map((file) => existsSync(file)), routeKey(route)).toEqual(files.map(() => route.handler === "docs/asset"));
    }
  });

  it("ships the S3 SDK as a chunk loaded on first use, never in a handler's file: every API function is code-split", () => {
    // The routes whose work calls S3 itself: they remove files (the deletes; the profile updates, when a typed address
    // replaces an uploaded avatar), read the search index or an import's CSV, or drive a multipart video upload.
    const callers = [
      "courses/delete", "lessons/delete", "recipes/delete", "auth/update-me", "users/update", "search/query", "enrollments/import-get", "enrollments/import-apply",
      "lessons/start-video-upload", "lessons/get-video-upload", "lessons/complete-video-upload", "lessons/abort-video-upload",
    ];
    for (const route of routes) {
      const bundle = bundleOf(fnOf(route));
      // The S3 client's service id, as the SDK writes it: only the client's own code has it.
      expect(readFileSync(path.join(bundle, "functions", `${route.handler}.mjs`), "utf8").includes('"AmazonS3"'), routeKey(route)).toBe(false);
      const chunks = readdirSync(bundle, { recursive: true, encoding: "utf8" }).filter((file) => /(^|\/)s3-client-[^/]*\.mjs$/.test(file));
      if (callers.includes(route.handler)) expect(chunks.length, routeKey(route)).toBeGreaterThan(0);
    }
    // And the chunk does hold the client: the check above would pass on any file without it.
    const searchBundle = bundleOf(fnOf(routes.find((route) => route.handler === "search/query")!));
    const chunk = readdirSync(searchBundle, { recursive: true, encoding: "utf8" }).find((file) => /(^|\/)s3-client-[^/]*\.mjs$/.test(file))!;
    expect(readFileSync(path.join(searchBundle, chunk), "utf8").includes('"AmazonS3"')).toBe(true);
  });

  /** The machine an ELF file was built for (e_machine): 0x3e x86-64, 0xb7 aarch64. */
  const elfMachine = (file: string): number => {
    const header = readFileSync(file).subarray(0, 20);
    expect(header.subarray(0, 4).toString("latin1"), file).toBe("\u007fELF");
    return header.readUInt16LE(18);
  };
  const nativeFiles = (root: string, cpu: string) => [
    path.join(root, "node_modules", "@img", `sharp-linux-${cpu}`, "lib", `sharp-linux-${cpu}.node`),
    ...readdirSync(path.join(root, "node_modules", "@img", `sharp-libvips-linux-${cpu}`, "lib")).filter((file) => file.startsWith("libvips-cpp.so")).map((file) => path.join(root, "node_modules", "@img", `sharp-libvips-linux-${cpu}`, "lib", file)),
  ];

  it("gives each media function sharp's Linux binaries for its own architecture, and the font only to the rebuild", () => {
    for (const row of queueConsumers.filter((consumer) => consumer.runtime === "media")) {
      const ref = fnOfConsumer(row);
      expect(ref.fn.Properties.Architectures, row.handler).toEqual(["x86_64"]);
      const bundle = bundleOf(ref);
      const files = nativeFiles(bundle, "x64");
      expect(files.length, row.handler).toBeGreaterThanOrEqual(2);
      for (const file of files) expect(elfMachine(file), file).toBe(0x3e);
      for (const name of ["sharp", "@img/colour", "detect-libc", "semver"]) expect(existsSync(path.join(bundle, "node_modules", name, "package.json")), `${row.handler} ${name}`).toBe(true);
      expect(existsSync(path.join(bundle, "DejaVuSans.ttf")), row.handler).toBe(row.handler === "media/rebuild-pdfs");
    }
  });

  it("gives the OCR function tesseract.js, its worker and WebAssembly core and the Spanish and English data, and they recognize from the package alone", async () => {
    const bundle = bundleOf(fnOfConsumer(queueConsumers.find((row) => row.queue === "RecipeOcr")!));
    for (const file of ["tessdata/spa.traineddata.gz", "tessdata/eng.traineddata.gz", "node_modules/tesseract.js/src/worker-script/node/index.js", "node_modules/tesseract.js-core/tesseract-core-simd.wasm", "node_modules/wasm-feature-detect/package.json"]) {
      expect(existsSync(path.join(bundle, file)), file).toBe(true);
    }
    for (const row of queueConsumers.filter((consumer) => consumer.runtime === "media" && consumer.queue !== "RecipeOcr")) {
      expect(existsSync(path.join(bundleOf(fnOfConsumer(row)), "tessdata")), row.handler).toBe(false);
    }
    // A copy outside the project, so Node cannot fall back on the project's node_modules: the package is enough.
    const copy = await mkdtemp(path.join(tmpdir(), "dulcevicio-ocr-package-"));
    try {
      cpSync(bundle, copy, { recursive: true });
      const script = `const { createWorker } = require("tesseract.js"); createWorker(["spa", "eng"], 1, { langPath: "${TESSDATA_DIR}", cacheMethod: "none" }).then((w) => w.terminate()).then(() => console.log("loaded"));`;
      const output = execFileSync(process.execPath, ["-e", script], { cwd: copy, encoding: "utf8", env: { PATH: process.env.PATH } });
      expect(output.trim()).toBe("loaded");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("installs sharp for the Lambda's architecture whatever this machine is: arm64 binaries from an x86_64 build", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dulcevicio-native-"));
    try {
      const folder = installSharpFor("arm64", root);
      for (const file of nativeFiles(folder, "arm64")) expect(elfMachine(file), file).toBe(0xb7);
      // Installed once: a second build reuses it.
      expect(installSharpFor("arm64", root)).toBe(folder);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("storage", () => {
  it("has the single table with its keys, indexes, TTL, backups and its stream of new and old images", () => {
    const { partitionKey, sortKey, globalIndexes, ttlAttribute } = tableSchema;
    const storage = stackOf("Storage").template;
    storage.resourceCountIs("AWS::DynamoDB::Table", 1);
    storage.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: partitionKey, KeyType: "HASH" },
        { AttributeName: sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([name, index]) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
      })),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      // A disposable stage: no deletion protection (prod's is checked below).
      DeletionProtectionEnabled: false,
    });
  });

  it("has a private, encrypted, TLS-only, versioned bucket with browser CORS, upload expiry and recoverable deletions", () => {
    const storage = stackOf("Storage").template;
    storage.resourceCountIs("AWS::S3::Bucket", 1);
    storage.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      VersioningConfiguration: { Status: "Enabled" },
      CorsConfiguration: { CorsRules: [{ AllowedOrigins: ORIGINS, AllowedMethods: ["GET", "HEAD", "POST", "PUT"], AllowedHeaders: ["*"], ExposedHeaders: ["ETag"], MaxAge: 3000 }] },
    });
    const bucket = Object.values(stackOf("Storage").resources).find((r) => r.Type === "AWS::S3::Bucket")!;
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Json[] }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: "uploads/", ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: "Enabled" }));
    expect(rules).toContainEqual(expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: MEDIA_RECOVERY_DAYS }, ExpiredObjectDeleteMarker: true, Status: "Enabled" }));
    expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
  });

  it("denies non-TLS requests to the bucket and to every queue", () => {
    const tlsOnly = (s: Statement) => s.Effect === "Deny" && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } });
    const policies = [...ofType("AWS::S3::BucketPolicy"), ...ofType("AWS::SQS::QueuePolicy")];
    const covered = (id: string) =>
      policies.some(([, , policy]) => JSON.stringify(policy.Properties).includes(`"Ref":"${id}"`) && asArray((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).some(tlsOnly));
    const queues = ofType("AWS::SQS::Queue");
    expect(queues.length).toBeGreaterThanOrEqual(4);
    for (const [, id] of queues) expect(covered(id), id).toBe(true);
    const bucketPolicy = ofType("AWS::S3::BucketPolicy")[0]![2];
    expect(asArray((bucketPolicy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).some(tlsOnly)).toBe(true);
  });
});

describe("least privilege", () => {
  const DYNAMO_READ = ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query"];
  const DYNAMO_WRITE = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];

  /** The table, bucket and queue access a function's `uses` ask for, and nothing else. */
  /** What a DynamoDB event source grants its function to read the table's stream (stream consumers only). */
  const STREAM_READ = ["dynamodb:GetRecords", "dynamodb:GetShardIterator"];

  function expectAccess(label: string, ref: FunctionRef, uses: readonly Uses[], authenticated: boolean, readsStream = false): void {
    const dynamo = uses.includes("table:write") ? [...DYNAMO_READ, ...DYNAMO_WRITE].sort() : uses.includes("table:read") || authenticated ? DYNAMO_READ : [];
    const actions = actionsOf(ref, "dynamodb").filter((a) => !a.includes("Stream") && a !== "dynamodb:ListStreams");
    if (readsStream) expect(actions, label).toEqual(expect.arrayContaining(STREAM_READ));
    expect(
      actions.filter((a) => !readsStream || !STREAM_READ.includes(a)),
      label,
    ).toEqual(dynamo);
    expect("SST_Table_tableName_Main" in envOf(ref), label).toBe(dynamo.length > 0);

    const bucket = expectedBucket(uses);
    expect(bucketPrefixesOf(ref), label).toEqual(bucket);
    const deletes = bucket["s3:DeleteObject"] ?? [];
    const list = statementsOf(ref).filter((s) => asArray(s.Action).includes("s3:ListBucket"));
    const listed = list.map((s) => ({ StringLike: { "s3:prefix": asArray((s.Condition as { StringLike: { "s3:prefix": string[] } }).StringLike["s3:prefix"]).sort() } }));
    expect(listed, label).toEqual(deletes.length > 0 ? [{ StringLike: { "s3:prefix": deletes.map((prefix) => `${prefix}*`).sort() } }] : []);
    expect("SST_Bucket_bucketName_Media" in envOf(ref), label).toBe(Object.keys(bucket).length > 0);

    const queues = uses.filter((use) => use.startsWith("queue:")).map((use) => use.slice("queue:".length));
    const sends = statementsOf(ref).filter((s) => asArray(s.Action).includes("sqs:SendMessage") && !JSON.stringify(s.Resource).includes("DeadLetters"));
    expect(sends.length, label).toBe(queues.length);
    for (const queue of queues) expect(envOf(ref)[`SST_Queue_queueUrl_${queue}`], `${label} ${queue}`).toBeDefined();
    expect(Object.keys(envOf(ref)).filter((name) => name.startsWith("SST_Queue_queueUrl_")).sort(), label).toEqual(queues.map((queue) => `SST_Queue_queueUrl_${queue}`).sort());
  }

  it("gives each route exactly the table, bucket and queue access its row asks for", () => {
    for (const route of routes) expectAccess(routeKey(route), fnOf(route), route.uses, route.auth !== "public");
  });

  it("gives each consumer and daily job exactly what its row of core/consumers.ts asks for (the Uploads consumer may ask for rebuilds)", () => {
    for (const row of [...queueConsumers, ...scheduledJobs]) expectAccess(row.handler, fnOfConsumer(row), row.uses, false);
    for (const row of streamConsumers) expectAccess(row.handler, fnOfConsumer(row), row.uses, false, true);
    expect(envOf(fnOfConsumer(queueConsumers.find((row) => row.queue === "Uploads")!)).SST_Queue_queueUrl_PdfRebuilds).toBeDefined();
  });

  it("lets only the mail sender send email: ses:SendEmail from the stage's sender, on its identity and configuration set alone", () => {
    const senders = [...routes.map(fnOf), ...[...queueConsumers, ...streamConsumers, ...scheduledJobs].map(fnOfConsumer)].filter((ref) => actionsOf(ref, "ses").length > 0);
    const mailRows = queueConsumers.filter((row) => (row.uses as readonly string[]).includes("mail:send"));
    expect(mailRows.map((row) => row.handler)).toEqual(["notifications/send"]);
    expect(senders.map((ref) => ref.fn.Properties.Handler)).toEqual(mailRows.map((row) => `functions/${row.handler}.handler`));
    const sender = fnOfConsumer(mailRows[0]!);
    expect(actionsOf(sender, "ses")).toEqual(["ses:SendEmail"]);
    const statement = statementsOf(sender).find((s) => asArray(s.Action).includes("ses:SendEmail"))!;
    expect(statement.Condition).toEqual({ StringEquals: { "ses:FromAddress": "no-reply@dulcevicio.example" } });
    const resources = JSON.stringify(statement.Resource);
    expect(resources).toContain(":identity/dulcevicio.example");
    expect(resources).toContain(":identity/no-reply@dulcevicio.example");
    expect(resources).toMatch(/:configuration-set\/",\{"Fn::ImportValue":"test-dulcevicio-Mail:ExportsOutputRefMail/);
    expect(asArray(statement.Resource)).toHaveLength(3);
    expect(envOf(sender)).toMatchObject({ MAIL_TRANSPORT: "ses", MAIL_FROM: CONFIG.MAIL_FROM, SPA_BASE_URL: CONFIG.SPA_BASE_URL });
    expect(JSON.stringify(envOf(sender).API_BASE_URL)).toMatch(/test-dulcevicio-Api:ExportsOutput.*ApiEndpoint/);
    expect(JSON.stringify(envOf(sender).MAIL_CONFIGURATION_SET)).toContain("test-dulcevicio-Mail");
    expect(secretsOf(sender).names).toEqual(["UNSUBSCRIBE_KEY"]);
  });

  it("health only reads the table; the JWKS route reads only the public keys", () => {
    const health = fnOf(byKey("GET /api/health"));
    expect(actionsOf(health, "dynamodb")).toEqual(DYNAMO_READ);
    expect(actionsOf(health, "s3")).toEqual([]);
    expect(secretsOf(health).names).toEqual([]);
    const jwks = fnOf(byKey("GET /.well-known/jwks.json"));
    expect(actionsOf(jwks, "dynamodb")).toEqual([]);
    expect(secretsOf(jwks).names).toEqual(["JWT_PUBLIC_JWKS"]);
  });

  it("binds the private key only to token issuers, the JWKS to every verifier, the cursor key to authenticated routes, the unsubscribe key to the unsubscribe routes", () => {
    for (const route of routes) {
      const uses: readonly string[] = route.uses;
      const authenticated = route.auth !== "public";
      const expected = [
        ...(authenticated ? ["CURSOR_KEY"] : []),
        ...(uses.includes("jwt:sign") ? ["JWT_PRIVATE_KEY"] : []),
        ...(authenticated || route.handler === "auth/jwks" ? ["JWT_PUBLIC_JWKS"] : []),
        ...(uses.includes("mail:unsubscribe") || uses.includes("mail:send") ? ["UNSUBSCRIBE_KEY"] : []),
      ].sort();
      const { names, parameters } = secretsOf(fnOf(route));
      expect(names, routeKey(route)).toEqual(expected);
      // A disposable stage may read SST's shared fallback too (prod may not: below).
      expect(parameters, routeKey(route)).toEqual(expected.flatMap((name) => [`/sst/dulcevicio/.fallback/Secret/${name}/value`, `/sst/dulcevicio/test/Secret/${name}/value`]).sort());
    }
    expect(routes.some((r) => (r.uses as readonly string[]).includes("jwt:sign"))).toBe(true);
  });

  it("grants no Scan, no service wildcard and no reserved concurrency anywhere", () => {
    const actions = allResources()
      .filter(([, , r]) => r.Type === "AWS::IAM::Policy")
      .flatMap(([, , r]) => asArray((r.Properties.PolicyDocument as { Statement: Statement[] }).Statement))
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) => asArray(s.Action));
    expect(actions.length).toBeGreaterThan(0);
    for (const banned of ["*", "dynamodb:*", "dynamodb:Scan", "s3:*", "sqs:*"]) expect(actions).not.toContain(banned);
    for (const [, id, fn] of ofType("AWS::Lambda::Function")) expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
  });
});

describe("consumers", () => {
  it("gives every queue of core/consumers.ts a dead-letter queue, a visibility timeout of six function timeouts and its mapping", () => {
    for (const row of queueConsumers) {
      const ref = fnOfConsumer(row);
      const queues = Object.entries(ref.stack.resources).filter(([id, r]) => r.Type === "AWS::SQS::Queue" && id.startsWith(`${row.queue}Queue`));
      expect(queues, row.queue).toHaveLength(1);
      const [queueId, queue] = queues[0]!;
      expect(queue.Properties.VisibilityTimeout, row.queue).toBe(row.timeoutSeconds * 6);
      expect((queue.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount, row.queue).toBe(MAX_RECEIVE_COUNT);
      expect(JSON.stringify(queue.Properties.RedrivePolicy), row.queue).toContain(`${row.queue}DeadLetters`);
      expect(ref.fn.Properties, row.queue).toMatchObject({ Timeout: row.timeoutSeconds, MemorySize: row.memoryMB, Runtime: "nodejs22.x" });

      const mapping = Object.values(ref.stack.resources).find((r) => r.Type === "AWS::Lambda::EventSourceMapping" && JSON.stringify(r.Properties.EventSourceArn).includes(queueId));
      expect(mapping?.Properties, row.queue).toMatchObject({
        BatchSize: row.batchSize,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        // Instead of a reserved concurrency (docs/deploy.md: a new account's quota refuses it).
        ScalingConfig: { MaximumConcurrency: row.maxConcurrency },
      });
      expect(mapping?.Properties.MaximumBatchingWindowInSeconds, row.queue).toBe(row.batchWindowSeconds > 0 ? row.batchWindowSeconds : undefined);
    }
    // The local queues dead-letter after the same number of tries.
    expect(MAX_RECEIVE_COUNT).toBe(5);
    // One row per queue name.
    expect(queueConsumers.map((row) => row.queue).sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it("puts each stream consumer of core/consumers.ts on the table's stream: its entities only, partial failures, bisect, retries, then its dead-letter queue", () => {
    expect(streamConsumers.length).toBeGreaterThan(0);
    for (const row of streamConsumers) {
      const ref = fnOfConsumer(row);
      expect(ref.stack.name, row.name).toBe("Workers");
      expect(ref.fn.Properties, row.name).toMatchObject({ Timeout: row.timeoutSeconds, MemorySize: row.memoryMB, Runtime: "nodejs22.x", Architectures: ["arm64"] });
      const mappings = Object.values(ref.stack.resources).filter((r) => r.Type === "AWS::Lambda::EventSourceMapping" && JSON.stringify(r.Properties.FunctionName).includes(ref.id));
      expect(mappings, row.name).toHaveLength(1);
      const mapping = mappings[0]!.Properties;
      expect(JSON.stringify(mapping.EventSourceArn), row.name).toMatch(/MainTable[0-9A-F]+StreamArn/);
      expect(mapping, row.name).toMatchObject({
        StartingPosition: "LATEST",
        BatchSize: row.batchSize,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: row.maxRetries,
      });
      expect(JSON.stringify((mapping.DestinationConfig as Json).OnFailure), row.name).toContain(`${row.name}DeadLetters`);
      // Invoked only for its entities (or any ElectroDB item), and only for items carrying its attribute when it names
      // one: an insert or update matches on the new image, a removal on the old one.
      const filters = ((mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters ?? []).map((filter) => JSON.parse(filter.Pattern));
      const consumer: StreamConsumer = row;
      const entity = consumer.entities === "any" ? [{ exists: true }] : [...consumer.entities];
      const attribute = consumer.withAttribute === undefined ? {} : { [consumer.withAttribute]: { S: [{ exists: true }] } };
      expect(filters, row.name).toEqual([
        { dynamodb: { NewImage: { __edb_e__: { S: entity }, ...attribute } } },
        { dynamodb: { OldImage: { __edb_e__: { S: entity }, ...attribute } } },
      ]);
      const alarms = ofType("AWS::CloudWatch::Alarm").map(([stack, id]) => `${stack.name}/${id.replace(/[0-9A-F]{8}$/, "")}`);
      expect(alarms, row.name).toEqual(expect.arrayContaining(["DeadLettersAlarm", "IteratorAgeAlarm", "ErrorsAlarm", "ThrottlesAlarm"].map((kind) => `Workers/${row.name}${kind}`)));
    }
  });

  it("runs each scheduled job of core/consumers.ts daily at its time, retried twice, then to its dead-letter queue with an alarm", () => {
    expect(scheduledJobs.length).toBeGreaterThan(0);
    for (const row of scheduledJobs) {
      const ref = fnOfConsumer(row);
      const rules = Object.values(ref.stack.resources).filter((r) => r.Type === "AWS::Events::Rule" && JSON.stringify(r.Properties.Targets).includes(`"${ref.id}"`));
      expect(rules, row.name).toHaveLength(1);
      expect(rules[0]!.Properties.ScheduleExpression, row.name).toBe(`cron(${row.schedule.minute} ${row.schedule.hourUtc} * * ? *)`);
      expect(JSON.stringify(rules[0]!.Properties.Targets), row.name).toContain(`${row.name}DeadLetters`);
      const invokeConfig = Object.values(ref.stack.resources).find((r) => r.Type === "AWS::Lambda::EventInvokeConfig" && JSON.stringify(r.Properties.FunctionName).includes(ref.id));
      expect(invokeConfig?.Properties, row.name).toMatchObject({ MaximumRetryAttempts: 2 });
      expect(JSON.stringify(invokeConfig?.Properties.DestinationConfig), row.name).toContain(`${row.name}DeadLetters`);
      const alarms = ofType("AWS::CloudWatch::Alarm").map(([stack, id]) => `${stack.name}/${id.replace(/[0-9A-F]{8}$/, "")}`);
      expect(alarms, row.name).toEqual(expect.arrayContaining(["DeadLettersAlarm", "ErrorsAlarm"].map((kind) => `Workers/${row.name}${kind}`)));
    }
  });

  it("sends every email through the stage's SES configuration set, whose bounces and complaints reach the MailFeedback queue", () => {
    const mail = stackOf("Mail");
    mail.template.resourceCountIs("AWS::SES::ConfigurationSet", 1);
    mail.template.hasResourceProperties("AWS::SES::ConfigurationSet", {
      DeliveryOptions: { TlsPolicy: "REQUIRE" },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
    });
    const destination = Object.values(mail.resources).find((r) => r.Type === "AWS::SES::ConfigurationSetEventDestination")!;
    expect(destination.Properties.EventDestination).toMatchObject({ Enabled: true, MatchingEventTypes: ["bounce", "complaint"] });
    const topicId = Object.keys(mail.resources).find((id) => mail.resources[id]!.Type === "AWS::SNS::Topic")!;
    expect(JSON.stringify(destination.Properties.EventDestination)).toContain(`"Ref":"${topicId}"`);
    // SES may publish to the topic, for this account's configuration set only.
    const topicPolicy = Object.values(mail.resources).find((r) => r.Type === "AWS::SNS::TopicPolicy")!;
    const sesStatement = (topicPolicy.Properties.PolicyDocument as { Statement: Json[] }).Statement.find((s) => JSON.stringify(s.Principal) === '{"Service":"ses.amazonaws.com"}')!;
    expect(sesStatement).toMatchObject({ Effect: "Allow", Action: "sns:Publish", Condition: { StringEquals: { "AWS:SourceAccount": expect.anything() } } });
    expect(JSON.stringify((sesStatement.Condition as Json).StringEquals)).toMatch(/"AWS:SourceArn":.*:configuration-set\/",\{"Ref":"Mail[0-9A-F]{8}"\}/);

    const workers = stackOf("Workers");
    const subscription = Object.values(workers.resources).find((r) => r.Type === "AWS::SNS::Subscription")!;
    expect(subscription.Properties).toMatchObject({ Protocol: "sqs", RawMessageDelivery: true });
    const feedbackQueue = Object.keys(workers.resources).find((id) => id.startsWith("MailFeedbackQueue") && workers.resources[id]!.Type === "AWS::SQS::Queue")!;
    expect(JSON.stringify(subscription.Properties.Endpoint)).toContain(feedbackQueue);
    expect(JSON.stringify(subscription.Properties.RedrivePolicy)).toContain("MailFeedbackSubscriptionDeadLetters");
  });

  it("sends each notification rule of core/media/notifications.ts to its queue, filtered by prefix and suffix", () => {
    const media = stackOf("Media");
    const notifications = Object.values(media.resources).filter((r) => r.Type === "Custom::S3BucketNotifications");
    expect(notifications).toHaveLength(1);
    const configs = (notifications[0]!.Properties.NotificationConfiguration as { QueueConfigurations: Json[] }).QueueConfigurations;
    expect(configs).toHaveLength(NOTIFICATIONS.flatMap((rule) => rule.events).length);
    for (const rule of NOTIFICATIONS) {
      const queueId = Object.keys(media.resources).find((id) => id.startsWith(`${rule.queue}Queue`) && media.resources[id]!.Type === "AWS::SQS::Queue");
      expect(queueId, rule.queue).toBeDefined();
      for (const event of rule.events) {
        const config = configs.find(
          (c) =>
            JSON.stringify(c.QueueArn).includes(`"${queueId}"`) &&
            String(c.Events) === `s3:${event}:*` &&
            JSON.stringify(c.Filter).includes(`"Value":"${rule.prefix}"`) &&
            // Two rules may share a prefix and differ by suffix (recipe photos and recipe PDFs).
            (!rule.suffix || JSON.stringify(c.Filter).includes(`"Value":"${rule.suffix}"`)),
        );
        expect(config, `${rule.queue} ${event} ${rule.prefix} ${rule.suffix ?? ""}`).toBeDefined();
      }
    }
  });
});

describe("alarms", () => {
  const alarms = () => ofType("AWS::CloudWatch::Alarm");
  const topicOf = (value: unknown) => JSON.stringify(value);

  it("sends every alarm of every stack, and its end, to the stage's alarm topic", () => {
    expect(alarms().length).toBeGreaterThan(10);
    for (const [stack, id, alarm] of alarms()) {
      const actions = asArray(alarm.Properties.AlarmActions as unknown[]);
      const ok = asArray(alarm.Properties.OKActions as unknown[]);
      expect(actions, `${stack.name}/${id}`).toHaveLength(1);
      // The topic of the Alerts stack: a Ref there, its exported ARN elsewhere.
      expect(topicOf(actions[0]), `${stack.name}/${id}`).toMatch(stack.name === "Alerts" ? /"Ref":"Alarms[0-9A-F]+"/ : /Alerts.*Alarms|ExportsOutputRefAlarms/);
      expect(ok, `${stack.name}/${id}`).toEqual(actions);
      expect(String(alarm.Properties.AlarmDescription).length, `${stack.name}/${id}`).toBeGreaterThan(40);
    }
    stackOf("Alerts").template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: CONFIG.ALARM_EMAIL });
  });

  it("watches the API's 5xx rate and p99 latency, every consumer's errors, throttles, queue age and dead letters, table throttles and SES's bounce and complaint rates", () => {
    const names = alarms().map(([stack, id]) => `${stack.name}/${id.replace(/[0-9A-F]{8}$/, "")}`);
    const expected = [
      "Api/ServerErrorsAlarm",
      "Api/LatencyAlarm",
      "Storage/TableThrottlesAlarm",
      ...queueConsumers.flatMap((row) => ["DeadLettersAlarm", "OldestMessageAlarm", "ErrorsAlarm", "ThrottlesAlarm"].map((kind) => `${fnOfConsumer(row).stack.name}/${row.queue}${kind}`)),
      "Mail/MailBounceRateAlarm",
      "Mail/MailComplaintRateAlarm",
      "Workers/MailFeedbackSubscriptionDeadLettersAlarm",
    ];
    expect(names).toEqual(expect.arrayContaining(expected));
    const latency = alarms().find(([, id]) => id.startsWith("LatencyAlarm"))![2];
    expect(latency.Properties).toMatchObject({ ExtendedStatistic: "p99", Threshold: API_ALARMS.p99LatencyMs, EvaluationPeriods: API_ALARMS.latencyPeriods, MetricName: "Latency" });
    const errors = alarms().find(([, id]) => id.startsWith("ServerErrorsAlarm"))![2];
    expect(JSON.stringify(errors.Properties.Metrics)).toContain(`IF(requests >= ${API_ALARMS.minRequests}, 100 * errors / requests, 0)`);
    expect(errors.Properties.Threshold).toBe(API_ALARMS.serverErrorPercent);
    const bounces = alarms().find(([, id]) => id.startsWith("MailBounceRateAlarm"))![2];
    // A labelled metric is written as a one-element Metrics list.
    expect(bounces.Properties).toMatchObject({ Threshold: MAIL_ALARMS.bounceRate, ComparisonOperator: "GreaterThanThreshold" });
    expect(bounces.Properties.Metrics).toEqual([expect.objectContaining({ MetricStat: expect.objectContaining({ Metric: { MetricName: "Reputation.BounceRate", Namespace: "AWS/SES" } }) })]);
    const complaints = alarms().find(([, id]) => id.startsWith("MailComplaintRateAlarm"))![2];
    expect(complaints.Properties).toMatchObject({ Threshold: MAIL_ALARMS.complaintRate });
    expect(complaints.Properties.Metrics).toEqual([expect.objectContaining({ MetricStat: expect.objectContaining({ Metric: { MetricName: "Reputation.ComplaintRate", Namespace: "AWS/SES" } }) })]);
  });

  it("has one dashboard for the stage", () => {
    const dashboards = ofType("AWS::CloudWatch::Dashboard");
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![2].Properties.DashboardBody);
    for (const name of ["API: requests", "API: latency", ...queueConsumers.map((row) => `${row.queue}: consumer`), "Alarms", "Table"]) expect(body).toContain(name);
  });
});

describe("logs", () => {
  it("keeps every function's logs for a month, the ones CDK and SST make for themselves included", () => {
    for (const [stack, id] of ofType("AWS::Lambda::Function")) {
      const retentions = Object.values(stack.resources).filter((r) => r.Type === "Custom::LogRetention").map((r) => r.Properties);
      // CDK's log-retention provider sets the retention of its own log group.
      if (id.startsWith("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a")) continue;
      const own = retentions.filter((r) => JSON.stringify(r.LogGroupName).includes(`"Ref":"${id}"`));
      expect(own.map((r) => r.RetentionInDays), `${stack.name}/${id}`).toEqual([30]);
    }
    for (const [stack, id, group] of ofType("AWS::Logs::LogGroup")) expect(group.Properties.RetentionInDays, `${stack.name}/${id}`).toBe(30);
  });
});

describe("cdk-nag", () => {
  it("finds nothing in any stack under the AwsSolutions and Serverless packs beyond the suppressions of stacks/nag.ts", () => {
    const findings = [...stacks.values()].flatMap((stack) =>
      stack.messages.filter((m) => m.level !== "info" && /^(AwsSolutions|Serverless)-/.test(String(m.entry.data))).map((m) => `${stack.name}${m.id}: ${String(m.entry.data).slice(0, 160)}`),
    );
    expect(findings).toEqual([]);
  });

  it("writes down why for every suppression", () => {
    const suppressions = [...stacks.values()].flatMap((stack) =>
      Object.values(stack.resources).flatMap((r) => ((r as { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } } }).Metadata?.cdk_nag?.rules_to_suppress ?? [])),
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const { id, reason } of suppressions) expect(reason.length, id).toBeGreaterThan(30);
  });
});

describe("stages", () => {
  it("refuses to synthesize a stage that keeps data without its origins, SPA URL, alarm email and mail sender", async () => {
    await expect(buildStacks({ stage: "prod", config: { ALLOWED_ORIGINS: "", SPA_BASE_URL: "", ALARM_EMAIL: "", MAIL_FROM: "" } })).rejects.toThrow(
      /Stage "prod" keeps its data and serves real users, so it needs ALLOWED_ORIGINS, SPA_BASE_URL, ALARM_EMAIL, MAIL_FROM/,
    );
  }, 60_000);

  it("reads the configuration strictly outside disposable stages, and falls back to the local values on them", () => {
    const prod = { mode: "deploy" as const, stage: "prod" };
    expect(stageConfig(prod, CONFIG)).toEqual({ allowedOrigins: ORIGINS, spaBaseUrl: CONFIG.SPA_BASE_URL, alarmEmail: CONFIG.ALARM_EMAIL, mailFrom: CONFIG.MAIL_FROM });
    expect(() => stageConfig(prod, { ...CONFIG, MAIL_FROM: undefined })).toThrow(/needs MAIL_FROM/);
    expect(() => stageConfig(prod, { ...CONFIG, MAIL_FROM: "DulceVicio" })).toThrow(/MAIL_FROM: DulceVicio is not an email address/);
    expect(stageConfig(prod, { ...CONFIG, MAIL_FROM: "no-reply@dulcevicio.example" }).mailFrom).toBe("no-reply@dulcevicio.example");
    expect(() => stageConfig(prod, { ...CONFIG, ALARM_EMAIL: undefined })).toThrow(/needs ALARM_EMAIL/);
    expect(() => stageConfig(prod, { ...CONFIG, ALLOWED_ORIGINS: "http://localhost:3000" })).toThrow(/ALLOWED_ORIGINS: http:\/\/localhost:3000 is not an origin/);
    expect(() => stageConfig(prod, { ...CONFIG, ALLOWED_ORIGINS: "https://app.example.com/path" })).toThrow(/is not an origin/);
    expect(() => stageConfig(prod, { ...CONFIG, SPA_BASE_URL: "http://app.example.com" })).toThrow(/SPA_BASE_URL: http:\/\/app.example.com is not an https URL/);
    expect(() => stageConfig(prod, { ...CONFIG, ALARM_EMAIL: "oncall" })).toThrow(/ALARM_EMAIL: oncall is not an email address/);
    expect(stageConfig({ mode: "deploy", stage: "dev-alice" }, {})).toEqual({
      allowedOrigins: ["http://localhost:3000", "http://localhost:5173"],
      spaBaseUrl: "http://localhost:5173",
      alarmEmail: undefined,
      mailFrom: "DulceVicio <no-reply@dulcevicio.local>",
    });
  });

  describe("prod", () => {
    let prod: Template;
    let prodStorage: ReturnType<typeof Storage>;
    beforeAll(async () => {
      // Alerts and Storage alone have no handler to bundle, so this second synth is cheap.
      Object.assign(process.env, CONFIG);
      const app = new App({ mode: "deploy", stage: "prod", name: "dulcevicio", region: "us-east-1" });
      app.stack(Alerts).stack(function ProdStorage(context) {
        prodStorage = Storage(context);
        return prodStorage;
      });
      await app.finish();
      const stack = app.node.children.find((child): child is Stack => child instanceof Stack && child.node.id.endsWith("ProdStorage"))!;
      prod = Template.fromStack(stack);
    }, 60_000);

    it("retains the table and bucket, with deletion protection on the table", () => {
      prod.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain", Properties: { DeletionProtectionEnabled: true } });
      prod.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
      prod.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
    });

    it("lets no function read SST's shared fallback secrets", () => {
      const login = byKey("POST /api/auth/login");
      const access = functionAccess(grantsFor(login), { ...prodStorage, queues: {}, secretsFallback: isEphemeralStage({ mode: "deploy", stage: "prod" }) });
      const stack = Stack.of(prodStorage.table);
      const statements = (access.permissions as { toStatementJson(): Statement }[]).map((statement) => statement.toStatementJson());
      const resources = statements.filter((s) => asArray(s.Action).includes("ssm:GetParameters")).flatMap((s) => asArray(s.Resource));
      const paths = resources.map((resource) => JSON.stringify(stack.resolve(resource)).match(/parameter(\/sst\/[^"]+)/)?.[1]).sort();
      expect(paths).toEqual(["/sst/dulcevicio/prod/Secret/JWT_PRIVATE_KEY/value"]);
      expect(access.environment![SECRETS_FALLBACK_VARIABLE]).toBeUndefined();
    });
  });
});

describe("grantsFor", () => {
  it("adds the caller lookup and JWKS to authenticated routes", () => {
    expect(grantsFor({ auth: "admin", uses: [], handler: "x/y" })).toEqual({
      table: "read",
      bucket: { get: [], put: [], delete: [], multipart: [] },
      queues: [],
      jwtPrivateKey: false,
      jwtPublicJwks: true,
      cursorKey: true,
      unsubscribeKey: false,
      mail: false,
    });
  });

  it("keeps write when a route lists both read and write, and gathers prefixes by action", () => {
    const grants = grantsFor({ auth: "user", uses: ["table:write", "table:read", "s3:get:media", "s3:delete:videos", "s3:delete:pdfs", "queue:PdfRebuilds"], handler: "x/y" });
    expect(grants).toMatchObject({ table: "write", bucket: { get: ["media"], put: [], delete: ["videos", "pdfs"] }, queues: ["PdfRebuilds"] });
  });

  it("gives a public route nothing it does not list, and refuses what names no prefix or queue", () => {
    expect(grantsFor({ auth: "public", uses: ["s3:get:media"], handler: "x/y" })).toEqual({
      table: "none",
      bucket: { get: ["media"], put: [], delete: [], multipart: [] },
      queues: [],
      jwtPrivateKey: false,
      jwtPublicJwks: false,
      cursorKey: false,
      unsubscribeKey: false,
      mail: false,
    });
    expect(grantsFor({ auth: "public", uses: ["mail:send"] })).toMatchObject({ mail: true, unsubscribeKey: true, table: "none" });
    expect(grantsFor({ auth: "public", uses: ["mail:unsubscribe"] })).toMatchObject({ mail: false, unsubscribeKey: true });
    expect(() => grantsFor({ auth: "public", uses: ["s3:get:everything" as Uses] })).toThrow(/not a prefix/);
    expect(() => grantsFor({ auth: "public", uses: ["queue:Nowhere" as Uses] })).toThrow(/not a queue/);
  });
});

describe("isEphemeralStage", () => {
  it.each([
    ["prod", false],
    ["staging", false],
    ["feature-x", false],
    ["devops", false],
    ["testing", false],
    ["production", false],
    ["dev", true],
    ["dev-alice", true],
    ["test", true],
    ["local", true],
    ["pr-12", true],
  ])("stage %s -> %s", (stage, expected) => {
    expect(isEphemeralStage({ mode: "deploy", stage })).toBe(expected);
  });

  it("treats `sst dev` as ephemeral whatever the stage", () => {
    expect(isEphemeralStage({ mode: "dev", stage: "prod" })).toBe(true);
  });
});
