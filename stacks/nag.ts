import { Aspects, CfnResource, Stack, type IAspect } from "aws-cdk-lib";
import { NagSuppressions, type NagPackSuppression } from "cdk-nag";
import type { IConstruct } from "constructs";
import type { App } from "sst/constructs";
import { streamConsumers, type StreamConsumer } from "../core/consumers";
import { PREFIX } from "../core/media/keys";

/**
 * What cdk-nag's AwsSolutions and Serverless packs report on these stacks and was decided against, each with why.
 * test/stacks.test.ts runs both packs over every stack and fails on any finding not listed here. cdk-nag 2.37.55 is
 * the last release that runs on the aws-cdk-lib SST 2.49 pins (2.224.0): cdk-nag 3 needs aws-cdk-lib >= 2.257 and
 * 2.38 needs constructs >= 10.5.1 (SST pins 10.3.0).
 */

/** One regex per bucket prefix a grant may name (core/media/keys.ts), as cdk-nag prints the resource. */
const BUCKET_PREFIXES = Object.values(PREFIX).map((prefix) => new RegExp(`^Resource::<MediaBucket[0-9A-F]+\\.Arn>/${prefix.replace(/\//g, "\\/")}\\*$`));

const EVERY_STACK: NagPackSuppression[] = [
  {
    id: "AwsSolutions-APIG4",
    reason:
      "Every route authorizes in its function (core/http/handler.ts): the ES256 access token verified with aws-jwt-verify, then the user read for is_active and the token version, against the route's auth level in core/routes.ts. An API Gateway JWT authorizer could not refuse a deactivated user or a token from before a password change, and some routes are public on purpose (sign-in, refresh, health, JWKS, the API reference).",
  },
  {
    id: "AwsSolutions-IAM4",
    reason: "AWSLambdaBasicExecutionRole: a function's permission to write its own CloudWatch log streams, which every Lambda needs.",
    appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
  },
  {
    id: "AwsSolutions-IAM5",
    reason:
      "Object actions scoped to one key prefix of core/media/keys.ts, exactly as the function's row in core/routes.ts or core/consumers.ts lists them (stacks/grants.ts); object names carry ids known only at run time. Table reads through the table's own indexes (never writes: index ARNs accept none).",
    appliesTo: [...BUCKET_PREFIXES, /^Resource::<MainTable[0-9A-F]+\.Arn>\/index\/\*$/].map((regex) => ({ regex: `/${regex.source}/` })),
  },
  {
    id: "AwsSolutions-L1",
    reason:
      "nodejs22.x, the runtime DESIGN.md fixes and every figure of bench:cold was measured on (supported by Lambda until 2027); moving to nodejs24.x is a change to measure, with the local toolchain (docs/node.md). CDK's and SST's own custom-resource providers pick their runtime themselves.",
  },
  { id: "Serverless-LambdaLatestVersion", reason: "As AwsSolutions-L1." },
  {
    id: "Serverless-LambdaTracing",
    reason:
      "X-Ray is off on purpose (stacks/bundling.ts FUNCTION_DEFAULTS): nothing records segments, so traces would show only Lambda's own timing, and Powertools Tracer would add aws-xray-sdk-core to every cold start. Logs carry the request id; the alarms' metrics show where time goes.",
  },
  {
    id: "Serverless-LambdaDLQ",
    reason:
      "A Lambda dead-letter queue catches failed asynchronous invocations. API functions answer API Gateway synchronously, queue consumers' failed messages go to their queue's redrive dead-letter queue, stream consumers' failed records to their event source's on-failure queue, the daily jobs (invoked asynchronously by EventBridge) send a failed run to their on-failure destination, a queue with an alarm (stacks/consumers.ts), and custom-resource providers report to CloudFormation.",
  },
  {
    id: "Serverless-LambdaEventSourceMappingDestination",
    reason: "SQS event sources take no on-failure destination: a message that keeps failing moves to the queue's dead-letter queue through its redrive policy, whose alarm fires on the first one (stacks/consumers.ts).",
  },
  { id: "Serverless-SQSRedrivePolicy", reason: "These are the dead-letter queues themselves; each has an alarm that fires on its first message (stacks/consumers.ts)." },
];

/** Only on the constructs they name. */
const BY_PATH: { stack: string; match: RegExp; suppressions: NagPackSuppression[] }[] = [
  {
    stack: "Storage",
    match: /\/Media\/Bucket$/,
    suppressions: [
      {
        id: "AwsSolutions-S1",
        reason:
          "Students reach objects only through short-lived presigned URLs the API hands out after its access check, and the API logs every request with its id; server access logs would record every byte range of every video. For an object-level audit, turn on CloudTrail data events for the bucket.",
      },
    ],
  },
  {
    stack: "Workers",
    // A stream consumer's on-failure queue, a daily job's, the SES feedback subscription's (stacks/consumers.ts, Workers.ts).
    match: /\/(\w+)DeadLetters\/Queue\/Resource$/,
    suppressions: [
      {
        id: "AwsSolutions-SQS3",
        reason:
          "A dead-letter queue itself, not named in a redrive policy, which is all this rule recognises: the on-failure destination of a stream event source or of a scheduled job's asynchronous invocations, or an SNS subscription's dead-letter queue. Each has an alarm on its first message.",
      },
    ],
  },
  {
    stack: "Workers",
    // The functions on the table's stream (stacks/consumers.ts streamConsumer).
    match: new RegExp(`/(?:${streamConsumers.map((row) => row.name).join("|")})/ServiceRole/DefaultPolicy/Resource$`),
    suppressions: [
      {
        id: "AwsSolutions-IAM5",
        reason: "dynamodb:ListStreams, which the DynamoDB event source grants its function: the action has no resource-level permissions (it lists the account's streams). The stream's own reads are granted on the table's stream ARN.",
        appliesTo: ["Resource::*"],
      },
    ],
  },
  {
    stack: "Alerts",
    match: /\/Alarms\/[^/]+$/,
    suppressions: [{ id: "Serverless-SNSRedrivePolicy", reason: "The alarm email subscription: SNS retries email delivery itself, and a dead-letter queue for it would need an alarm whose action is this same topic." }],
  },
];

/** Each stream consumer (core/consumers.ts streamConsumers): its on-failure queue and its stream read. */
const STREAM_CONSUMERS: typeof BY_PATH = (streamConsumers as readonly StreamConsumer[]).flatMap((row) => [
  {
    stack: "Workers",
    match: new RegExp(`/${row.name}DeadLetters/Queue/Resource$`),
    suppressions: [
      {
        id: "AwsSolutions-SQS3",
        reason: "It is a dead-letter queue: the stream event source's on-failure destination (stacks/consumers.ts), which SQS does not know as a redrive target; its alarm fires on its first message.",
      },
    ],
  },
  {
    stack: "Workers",
    match: new RegExp(`/${row.name}/ServiceRole/DefaultPolicy/Resource$`),
    suppressions: [
      {
        id: "AwsSolutions-IAM5",
        reason: "dynamodb:ListStreams, which takes no resource (CDK's grantStreamRead for the stream event source); reading records is granted on the table's stream only.",
        appliesTo: ["Resource::*"],
      },
    ],
  },
]);

/** CDK's and SST's custom-resource providers: their policies are their authors', with `*` where they need it. */
class ProviderSuppressions implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || !["AWS::IAM::Policy", "AWS::IAM::Role"].includes(node.cfnResourceType)) return;
    if (!/\/(LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a|CustomResourceHandler|BucketNotificationsHandler[0-9a-f]+|Custom::S3AutoDeleteObjectsCustomResourceProvider)\//.test(node.node.path)) return;
    NagSuppressions.addResourceSuppressions(node, [{ id: "AwsSolutions-IAM5", reason: "A custom-resource provider of CDK or SST (log retention, S3 notifications, stack metadata): its policy is the library's own.", appliesTo: ["Resource::*"] }]);
  }
}

export function applyNagSuppressions(app: App): void {
  for (const stack of app.node.children.filter((child): child is Stack => child instanceof Stack)) {
    NagSuppressions.addStackSuppressions(stack, EVERY_STACK);
    for (const { stack: name, match, suppressions } of [...BY_PATH, ...STREAM_CONSUMERS]) {
      if (!stack.node.id.endsWith(`-${name}`)) continue;
      for (const node of stack.node.findAll()) if (match.test(node.node.path)) NagSuppressions.addResourceSuppressions(node, suppressions);
    }
  }
  Aspects.of(app).add(new ProviderSuppressions());
}
