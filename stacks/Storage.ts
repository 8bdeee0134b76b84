import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { MathExpression } from "aws-cdk-lib/aws-cloudwatch";
import { BillingMode } from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, BucketEncryption, HttpMethods, ObjectOwnership, type CorsRule } from "aws-cdk-lib/aws-s3";
import { Bucket, Config, Table, use, type StackContext } from "sst/constructs";
import { bucketCorsRule } from "../core/http/cors";
import { tableSchema } from "../core/db/table-schema";
import { PREFIX } from "../core/media/keys";
import { ALARM_PERIOD, Alerts } from "./Alerts";
import { stageConfig } from "./config";
import { isEphemeralStage } from "./stage";

/** How long a deleted or overwritten object stays recoverable (as a noncurrent version), like the table's PITR. */
export const MEDIA_RECOVERY_DAYS = 30;

export function Storage({ app, stack }: StackContext) {
  const ephemeral = isEphemeralStage(app);
  const { allowedOrigins } = stageConfig(app);
  const { alarms } = use(Alerts);
  const removalPolicy = ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
  const indexes = Object.entries(tableSchema.globalIndexes);

  const table = new Table(stack, "Main", {
    fields: {
      [tableSchema.partitionKey]: "string",
      [tableSchema.sortKey]: "string",
      ...Object.fromEntries(indexes.flatMap(([, keys]) => [keys.partitionKey, keys.sortKey].map((field) => [field, "string" as const]))),
    },
    primaryIndex: { partitionKey: tableSchema.partitionKey, sortKey: tableSchema.sortKey },
    globalIndexes: Object.fromEntries(indexes.map(([name, keys]) => [name, { partitionKey: keys.partitionKey, sortKey: keys.sortKey }])),
    timeToLiveAttribute: tableSchema.ttlAttribute,
    // Reactions to changes (core/consumers.ts streamConsumers) read the table's changes from its stream.
    stream: "new_and_old_images",
    cdk: {
      table: {
        billingMode: BillingMode.PAY_PER_REQUEST,
        // SST already passes this (deprecated) flag; passing pointInTimeRecoverySpecification as well makes CDK throw.
        pointInTimeRecovery: true,
        // RETAIN keeps the table when the stack goes; this also refuses a DeleteTable by hand or by script.
        deletionProtection: !ephemeral,
        removalPolicy,
      },
    },
  });
  // On-demand tables throttle only past their account limits or on a hot partition: either needs a person.
  const throttles = new MathExpression({
    expression: "reads + writes",
    usingMetrics: {
      reads: table.cdk.table.metric("ReadThrottleEvents", { statistic: "Sum" }),
      writes: table.cdk.table.metric("WriteThrottleEvents", { statistic: "Sum" }),
    },
    period: ALARM_PERIOD,
    label: "Throttled reads and writes",
  });
  alarms.watch(stack, "TableThrottlesAlarm", {
    description: "DynamoDB throttled requests to the Main table (a hot partition or the account's table limits): requests are failing with 503.",
    metric: throttles,
    threshold: 0,
  });

  const bucket = new Bucket(stack, "Media", {
    // SST's own defaults are looser (CORS `*`, ACLs allowed): everything that matters is set below.
    cors: false,
    cdk: {
      bucket: {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        cors: [bucketCors(bucketCorsRule(allowedOrigins))],
        // A deleted course's media (or an overwritten object) stays recoverable for a while as noncurrent versions.
        versioned: true,
        lifecycleRules: [
          // Raw uploads are normalized into media/ within seconds; leftovers are abandoned or rejected uploads.
          { id: "expire-raw-uploads", prefix: PREFIX.uploads, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
          // Enrollment imports' copies and reports (personal data): as long as the import itself (core/imports).
          { id: "expire-imports", prefix: PREFIX.imports, expiration: Duration.days(30), noncurrentVersionExpiration: Duration.days(1) },
          // Personal data exports: their link lasts 15 minutes.
          { id: "expire-exports", prefix: PREFIX.exports, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) },
          { id: "expire-noncurrent-versions", noncurrentVersionExpiration: Duration.days(MEDIA_RECOVERY_DAYS), expiredObjectDeleteMarker: true },
          { id: "abort-incomplete-multipart", abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ],
        removalPolicy,
        autoDeleteObjects: ephemeral,
      },
    },
  });

  // PEM (PKCS#8) EC P-256 private key that signs ES256 access tokens. Bound only to the functions that issue tokens.
  const jwtPrivateKey = new Config.Secret(stack, "JWT_PRIVATE_KEY");
  // JSON Web Key Set with the matching public key(s); verifiers get it with `cacheJwks`, so no network fetch.
  const jwtPublicJwks = new Config.Secret(stack, "JWT_PUBLIC_JWKS");

  // HMAC key of pagination cursors (any 32 random bytes, base64url).
  const cursorKey = new Config.Secret(stack, "CURSOR_KEY");

  // HMAC key of the unsubscribe links in emails (any 32 random bytes, base64url): the sender and the unsubscribe routes.
  const unsubscribeKey = new Config.Secret(stack, "UNSUBSCRIBE_KEY");

  return { table, bucket, jwtPrivateKey, jwtPublicJwks, cursorKey, unsubscribeKey };
}

/** core's bucket CORS rule in CDK's shape. */
function bucketCors(rule: ReturnType<typeof bucketCorsRule>): CorsRule {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods.map((method) => HttpMethods[method as keyof typeof HttpMethods]),
    allowedHeaders: rule.allowedHeaders,
    exposedHeaders: rule.exposeHeaders,
    maxAge: rule.maxAgeSeconds,
  };
}
