/**
 * Synthesizes the real stacks offline (no AWS credentials) and checks what the route table promises:
 * one function per route, the table and bucket settings, and least privilege per route.
 * `app.finish()` bundles every route's handler with esbuild, so the handler files must exist.
 */
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../core/db/table-schema";
import { buildStacks } from "../dev/synth";
import { routeKey, routes, type Route } from "../core/routes";
import { API_THROTTLE, Api } from "../stacks/Api";
import { Media } from "../stacks/Media";
import { MEDIA_MAX_RECEIVE_COUNT } from "../core/media/events";
import { NOTIFICATIONS } from "../core/media/notifications";
import { DOCS_ASSETS, DOCS_ASSETS_PACKAGE } from "../core/openapi/docs";
import { grantsFor } from "../stacks/grants";
import { isEphemeralStage } from "../stacks/stage";
import { Storage } from "../stacks/Storage";

const ORIGINS = ["https://dulcevicio.example", "https://admin.dulcevicio.example"];
const SERVICE = "dulcevicio-api";

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
}

let storage: Template;
let api: Template;
let media: Template;
let apiResources: Record<string, Resource>;
/** routeKey -> logical id of the function its integration targets. */
const functionOfRoute = new Map<string, string>();
/** Where the synth writes its assets (a temp folder of ~650 MB of bundles): removed after the tests. */
let outdir: string | undefined;

beforeAll(async () => {
  const app = await buildStacks({ stage: "test", allowedOrigins: ORIGINS.join(",") });
  outdir = app.outdir;
  storage = Template.fromStack(getStack(Storage));
  api = Template.fromStack(getStack(Api));
  media = Template.fromStack(getStack(Media));
  apiResources = api.toJSON().Resources as Record<string, Resource>;

  for (const route of Object.values(api.findResources("AWS::ApiGatewayV2::Route")) as Resource[]) {
    const target = JSON.stringify(route.Properties.Target); // {"Fn::Join":["",["integrations/",{"Ref":"<id>"}]]}
    const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1];
    const integration = integrationId ? apiResources[integrationId] : undefined;
    const uri = integration?.Properties.IntegrationUri as { "Fn::GetAtt"?: [string, string] } | undefined;
    const fnId = uri?.["Fn::GetAtt"]?.[0];
    if (fnId) functionOfRoute.set(String(route.Properties.RouteKey), fnId);
  }
}, 300_000);

afterAll(async () => {
  if (outdir?.startsWith(tmpdir())) await rm(outdir, { recursive: true, force: true });
});

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every statement of every policy in a template. */
function allStatements(template: Template): Statement[] {
  const resources = Object.values(template.toJSON().Resources as Record<string, Resource>);
  return resources.flatMap((r) => {
    if (r.Type === "AWS::IAM::Policy" || r.Type === "AWS::S3::BucketPolicy") {
      return asArray((r.Properties.PolicyDocument as { Statement: Statement | Statement[] }).Statement);
    }
    if (r.Type === "AWS::IAM::Role") {
      const inline = asArray(r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined);
      return inline.flatMap((p) => asArray(p.PolicyDocument.Statement));
    }
    return [];
  });
}

function fnOf(route: Route): { id: string; fn: Resource } {
  const id = functionOfRoute.get(routeKey(route));
  const fn = id ? apiResources[id] : undefined;
  if (!id || !fn) throw new Error(`no function behind ${routeKey(route)}`);
  return { id, fn };
}

function envOf(route: Route): Record<string, unknown> {
  const env = fnOf(route).fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined;
  return env?.Variables ?? {};
}

/** Allow statements of the policies attached to the role of the function behind a route. */
function statementsOf(route: Route): Statement[] {
  const role = (fnOf(route).fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  const statements: Statement[] = [];
  for (const r of Object.values(apiResources)) {
    if (r.Type !== "AWS::IAM::Policy") continue;
    const roles = JSON.stringify(r.Properties.Roles);
    if (!roles.includes(`"Ref":"${role}"`)) continue;
    statements.push(...asArray((r.Properties.PolicyDocument as { Statement: Statement | Statement[] }).Statement));
  }
  return statements.filter((s) => s.Effect === "Allow");
}

function actionsOf(route: Route, service: string): string[] {
  const actions = statementsOf(route).flatMap((s) => asArray(s.Action));
  return [...new Set(actions.filter((a) => a.startsWith(`${service}:`)))].sort();
}

/** Secrets a route's function can read: SST sets `SST_Secret_value_<name>` and grants ssm:GetParameters. */
function secretsOf(route: Route): string[] {
  const fromEnv = Object.entries(envOf(route))
    .filter(([key, value]) => key.startsWith("SST_Secret_value_") && value === "__FETCH_FROM_SSM__")
    .map(([key]) => key.slice("SST_Secret_value_".length));
  const fromIam = statementsOf(route)
    .filter((s) => asArray(s.Action).includes("ssm:GetParameters"))
    .flatMap((s) => [...JSON.stringify(s.Resource).matchAll(/\/Secret\/([A-Za-z0-9_]+)\/value/g)].map((m) => m[1]));
  expect([...new Set(fromIam)].sort()).toEqual(fromEnv.sort());
  return fromEnv.sort();
}

const byKey = (key: string): Route => {
  const route = routes.find((r) => routeKey(r) === key);
  if (!route) throw new Error(`route ${key} is not in the route table`);
  return route;
};

describe("api: one function per route", () => {
  it("has exactly one API function per route table row", () => {
    const apiFunctions = Object.entries(api.findResources("AWS::Lambda::Function")).filter(
      ([, fn]) => (fn as Resource).Properties.Environment !== undefined &&
        JSON.stringify((fn as Resource).Properties.Environment).includes(`"POWERTOOLS_SERVICE_NAME":"${SERVICE}"`),
    );
    expect(apiFunctions).toHaveLength(routes.length);
    expect(new Set(functionOfRoute.values())).toEqual(new Set(apiFunctions.map(([id]) => id)));
  });

  it("has a route for each row, each integrated with a function no other route uses", () => {
    const keys = routes.map(routeKey);
    expect([...functionOfRoute.keys()].sort()).toEqual([...keys].sort());
    const fnIds = keys.map((key) => functionOfRoute.get(key));
    expect(new Set(fnIds).size).toBe(routes.length);
  });

  it("runs each handler with the function defaults", () => {
    for (const route of routes) {
      const { fn } = fnOf(route);
      expect(fn.Properties).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        MemorySize: 512,
        Timeout: 10,
      });
      // SST rewrites the handler to the bundle's path: `<dir>/<name>.handler`.
      expect(fn.Properties.Handler).toMatch(new RegExp(`${route.handler.split("/").at(-1)}\\.handler$`));
      expect(envOf(route)).toMatchObject({
        NODE_OPTIONS: "--enable-source-maps",
        POWERTOOLS_SERVICE_NAME: SERVICE,
        ALLOWED_ORIGINS: ORIGINS.join(","),
      });
    }
  });

  it("answers CORS for the configured origins only", () => {
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
      CorsConfiguration: { AllowOrigins: ORIGINS, AllowCredentials: false, MaxAge: 600 },
    });
  });

  it("throttles the API's default stage and keeps every function's logs for a month", () => {
    api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rate, ThrottlingBurstLimit: API_THROTTLE.burst },
    });
    const retentions = Object.values(api.findResources("Custom::LogRetention")) as Resource[];
    expect(retentions).toHaveLength(routes.length);
    for (const retention of retentions) expect(retention.Properties.RetentionInDays).toBe(30);
  });

  it("outputs the API URL, table and bucket names", () => {
    const outputs = Object.keys(api.toJSON().Outputs as Json);
    expect(outputs).toEqual(expect.arrayContaining(["ApiUrl", "TableName", "BucketName"]));
  });
});

// Before "removal policy": its prod synth replaces the current app, and getStack(Api) with it.
describe("docs", () => {
  it("ships Swagger UI's files with the docs asset function, where Node resolves them from its bundle, and with no other", () => {
    const outdir = (getStack(Api).node.root as App).outdir;
    for (const route of routes) {
      // The function's package as staged for upload: `asset.<hash>` for the S3 key `<hash>.zip`.
      const key = (fnOf(route).fn.Properties.Code as { S3Key: string }).S3Key;
      const bundle = path.join(outdir, `asset.${key.replace(/\.zip$/, "")}`);
      expect(existsSync(path.join(bundle, "functions", `${route.handler}.mjs`)), routeKey(route)).toBe(true);
      const files = Object.keys(DOCS_ASSETS).map((name) => path.join(bundle, "node_modules", DOCS_ASSETS_PACKAGE, name));
      expect(files.map((file) => existsSync(file)), routeKey(route)).toEqual(files.map(() => route.handler === "docs/asset"));
    }
  });

  it("ships the S3 SDK as a chunk of its own with the three delete routes, the only ones that load it on demand", () => {
    // docs/openapi is split too and imports every handler module for its specs (it never calls them).
    const splitBySdk = ["courses/delete", "lessons/delete", "recipes/delete", "docs/openapi"];
    for (const route of routes) {
      const key = (fnOf(route).fn.Properties.Code as { S3Key: string }).S3Key;
      const bundle = path.join(outdir!, `asset.${key.replace(/\.zip$/, "")}`);
      const chunks = readdirSync(bundle, { recursive: true, encoding: "utf8" }).filter((file) => /(^|\/)s3-client-[^/]*\.mjs$/.test(file));
      expect(chunks.length > 0, routeKey(route)).toBe(splitBySdk.includes(route.handler));
    }
  });
});

describe("storage", () => {
  it("has the single table with its keys, indexes, TTL and backups", () => {
    const { partitionKey, sortKey, globalIndexes, ttlAttribute } = tableSchema;
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
    });
  });

  it("has a private, encrypted, TLS-only bucket with browser CORS and upload expiry", () => {
    storage.resourceCountIs("AWS::S3::Bucket", 1);
    storage.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedOrigins: ORIGINS,
            AllowedMethods: ["GET", "HEAD", "POST"],
            AllowedHeaders: ["*"],
            ExposedHeaders: ["ETag"],
            MaxAge: 3000,
          },
        ],
      },
    });
    const bucket = Object.values(storage.findResources("AWS::S3::Bucket"))[0] as Resource;
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Json[] }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: "uploads/", ExpirationInDays: 1, Status: "Enabled" }));
    expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
  });

  it("denies non-TLS requests in the bucket policy", () => {
    const denies = allStatements(storage).filter(
      (s) => s.Effect === "Deny" && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
    );
    expect(denies.length).toBeGreaterThan(0);
  });
});

describe("least privilege", () => {
  it("gives each route exactly the table and bucket actions its row asks for", () => {
    const read = ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query"];
    const write = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];
    for (const route of routes) {
      const uses: readonly string[] = route.uses;
      const authenticated = route.auth !== "public";
      const expected = uses.includes("table:write")
        ? [...read, ...write].sort()
        : uses.includes("table:read") || authenticated
          ? read
          : [];
      expect(actionsOf(route, "dynamodb"), routeKey(route)).toEqual(expected);
      expect("SST_Table_tableName_Main" in envOf(route), routeKey(route)).toBe(expected.length > 0);

      const s3 = [
        ...(uses.includes("bucket:read") ? ["s3:GetObject"] : []),
        // Removing files lists their prefix first.
        ...(uses.includes("bucket:write") ? ["s3:DeleteObject", "s3:ListBucket", "s3:PutObject"] : []),
      ].sort();
      expect(actionsOf(route, "s3"), routeKey(route)).toEqual(s3);
      expect("SST_Bucket_bucketName_Media" in envOf(route), routeKey(route)).toBe(s3.length > 0);

      const sqs = uses.includes("queue:rebuild") ? ["sqs:SendMessage"] : [];
      expect(actionsOf(route, "sqs"), routeKey(route)).toEqual(sqs);
      expect("SST_Queue_queueUrl_PdfRebuilds" in envOf(route), routeKey(route)).toBe(sqs.length > 0);
    }
  });

  it("health only reads the table", () => {
    const health = byKey("GET /api/health");
    const actions = actionsOf(health, "dynamodb");
    expect(actions).toContain("dynamodb:GetItem");
    for (const action of ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]) {
      expect(actions).not.toContain(action);
    }
    expect(actionsOf(health, "s3")).toEqual([]);
    expect(secretsOf(health)).toEqual([]);
  });

  it("the JWKS route touches no table and reads only the public keys", () => {
    const jwks = byKey("GET /.well-known/jwks.json");
    expect(actionsOf(jwks, "dynamodb")).toEqual([]);
    expect(secretsOf(jwks)).toEqual(["JWT_PUBLIC_JWKS"]);
  });

  it("binds the private key only to token issuers, the JWKS to every verifier, the cursor key to authenticated routes", () => {
    for (const route of routes) {
      const uses: readonly string[] = route.uses;
      const signs = uses.includes("jwt:sign");
      const authenticated = route.auth !== "public";
      const needsJwks = authenticated || route.handler === "auth/jwks";
      const expected = [
        ...(authenticated ? ["CURSOR_KEY"] : []),
        ...(signs ? ["JWT_PRIVATE_KEY"] : []),
        ...(needsJwks ? ["JWT_PUBLIC_JWKS"] : []),
      ];
      expect(secretsOf(route), routeKey(route)).toEqual(expected);
    }
    // The table is not empty of signers, or this test proves nothing.
    expect(routes.some((r) => (r.uses as readonly string[]).includes("jwt:sign"))).toBe(true);
  });

  it("grants no Scan and no service wildcard anywhere", () => {
    const allows = [...allStatements(storage), ...allStatements(api)].filter((s) => s.Effect === "Allow");
    const actions = allows.flatMap((s) => asArray(s.Action));
    expect(actions.length).toBeGreaterThan(0);
    for (const banned of ["*", "dynamodb:*", "dynamodb:Scan", "s3:*"]) expect(actions).not.toContain(banned);
  });
});

describe("removal policy", () => {
  it("destroys the test stage's data", () => {
    storage.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
    storage.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
  });

  it("retains the table and bucket on prod", async () => {
    // Storage alone has no handler to bundle, so this second synth is cheap.
    const app = new App({ mode: "deploy", stage: "prod", name: "dulcevicio", region: "us-east-1" });
    app.stack(Storage);
    await app.finish();
    const prod = Template.fromStack(getStack(Storage));
    prod.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    prod.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    prod.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
  }, 60_000);
});

describe("grantsFor", () => {
  it("adds the caller lookup and JWKS to authenticated routes", () => {
    expect(grantsFor({ auth: "admin", uses: [], handler: "x/y" })).toEqual({
      table: "read",
      bucketRead: false,
      bucketWrite: false,
      rebuildQueue: false,
      jwtPrivateKey: false,
      jwtPublicJwks: true,
      cursorKey: true,
    });
  });

  it("keeps write when a route lists both read and write", () => {
    expect(grantsFor({ auth: "user", uses: ["table:write", "table:read"], handler: "x/y" }).table).toBe("write");
  });

  it("gives a public route nothing it does not list", () => {
    expect(grantsFor({ auth: "public", uses: ["bucket:read"], handler: "x/y" })).toEqual({
      table: "none",
      bucketRead: true,
      bucketWrite: false,
      rebuildQueue: false,
      jwtPrivateKey: false,
      jwtPublicJwks: false,
      cursorKey: false,
    });
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

describe("media pipeline wiring", () => {
  const resources = () => media.toJSON().Resources as Record<string, Resource>;

  it("sends each notification rule of core/media/notifications.ts to its queue, filtered by prefix and suffix", () => {
    const notifications = Object.values(resources()).filter((r) => r.Type === "Custom::S3BucketNotifications");
    expect(notifications).toHaveLength(1);
    const queueConfigs = (notifications[0]!.Properties.NotificationConfiguration as { QueueConfigurations: Json[] }).QueueConfigurations;
    for (const rule of NOTIFICATIONS) {
      // The queue construct `<rule.queue>` synthesizes as `<rule.queue>Queue<hash>`.
      const queueId = Object.keys(resources()).find((id) => id.startsWith(`${rule.queue}Queue`) && resources()[id]!.Type === "AWS::SQS::Queue");
      expect(queueId, rule.queue).toBeDefined();
      for (const event of rule.events) {
        const config = queueConfigs.find((c) => JSON.stringify(c.QueueArn).includes(`"${queueId}"`) && String(c.Events) === `s3:${event}:*`);
        expect(config, `${rule.queue} ${event}`).toBeDefined();
        const filters = JSON.stringify(config!.Filter);
        expect(filters).toContain(`"Value":"${rule.prefix}"`);
        if (rule.suffix) expect(filters).toContain(`"Value":"${rule.suffix}"`);
      }
    }
  });

  it("raises an alarm as soon as a message waits in either dead-letter queue", () => {
    const alarms = Object.values(media.findResources("AWS::CloudWatch::Alarm")) as Resource[];
    expect(alarms).toHaveLength(2);
    const watched = alarms.map((alarm) => {
      expect(alarm.Properties).toMatchObject({ MetricName: "ApproximateNumberOfMessagesVisible", Threshold: 0, ComparisonOperator: "GreaterThanThreshold", EvaluationPeriods: 1 });
      return JSON.stringify(alarm.Properties.Dimensions);
    });
    expect(watched.some((dimensions) => dimensions.includes("UploadsDeadLetters"))).toBe(true);
    expect(watched.some((dimensions) => dimensions.includes("PdfRebuildsDeadLetters"))).toBe(true);
  });

  it("gives every queue a dead-letter queue and every consumer partial batch responses", () => {
    const queues = Object.entries(resources()).filter(([, r]) => r.Type === "AWS::SQS::Queue");
    const main = queues.filter(([, r]) => r.Properties.RedrivePolicy);
    expect(main).toHaveLength(2);
    for (const [, queue] of main) {
      expect((queue.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBe(5);
    }
    // The local queues read the same constant: the fault tests dead-letter after the deployed number of tries.
    expect(MEDIA_MAX_RECEIVE_COUNT).toBe(5);
    const mappings = Object.values(resources()).filter((r) => r.Type === "AWS::Lambda::EventSourceMapping");
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings) expect(mapping.Properties.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    expect(mappings.map((m) => m.Properties.BatchSize).sort()).toEqual([10, 2]);
  });

  it("runs the consumers with the handlers of functions/media, the rebuild one at a time", () => {
    const fns = Object.values(resources()).filter((r) => r.Type === "AWS::Lambda::Function" && String(r.Properties.Handler).includes("media"));
    expect(fns.map((f) => f.Properties.Handler).sort()).toEqual(["functions/media/process-uploads.handler", "functions/media/rebuild-pdfs.handler"]);
    const rebuild = fns.find((f) => String(f.Properties.Handler).includes("rebuild"))!;
    expect(rebuild.Properties.ReservedConcurrentExecutions).toBe(1);
    for (const fn of fns) expect(fn.Properties.Architectures).toEqual(["x86_64"]);
  });
});
