import { CorsHttpMethod } from "aws-cdk-lib/aws-apigatewayv2";
import { MathExpression, Stats } from "aws-cdk-lib/aws-cloudwatch";
import { Api as HttpApi, use, type ApiCorsProps, type StackContext } from "sst/constructs";
import { corsPolicy, type CorsPolicy } from "../core/http/cors";
import { ALARM_PERIOD, Alerts } from "./Alerts";
import { API_BUNDLING, API_ENVIRONMENT, FUNCTION_DEFAULTS } from "./bundling";
import { stageConfig } from "./config";
import { Storage } from "./Storage";

function isCorsMethod(method: string): method is keyof typeof CorsHttpMethod {
  return Object.hasOwn(CorsHttpMethod, method);
}

/** core's CORS policy in the shape SST's Api takes. */
function apiCors(policy: CorsPolicy): ApiCorsProps {
  return {
    allowOrigins: policy.allowOrigins,
    allowMethods: policy.allowMethods.map((method) => {
      if (!isCorsMethod(method)) throw new Error(`CORS method ${method} is unknown to API Gateway`);
      return method;
    }),
    allowHeaders: policy.allowHeaders,
    exposeHeaders: policy.exposeHeaders,
    maxAge: `${policy.maxAgeSeconds} seconds`,
  };
}

/** Requests per second across the API (steady, and the burst API Gateway absorbs above it). */
export const API_THROTTLE = { rate: 200, burst: 400 } as const;

/** The access log's fields (every value quoted, so each line parses as JSON whatever API Gateway puts in it). */
const ACCESS_LOG_FIELDS = {
  requestTime: "$context.requestTime",
  requestId: "$context.requestId",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLatency: "$context.responseLatency",
  responseLength: "$context.responseLength",
  integrationRequestId: "$context.integration.requestId",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  integrationError: "$context.integrationErrorMessage",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
};

/** When the API is failing or slow enough that a person should look (the alarms below). */
export const API_ALARMS = { serverErrorPercent: 1, minRequests: 20, p99LatencyMs: 3000, latencyPeriods: 3 } as const;

/**
 * The HTTP API itself: its stage, CORS, throttling, access log and alarms, and the defaults of every route's
 * function. The routes are added by the area stacks (stacks/ApiRoutes.ts), one function each: a stack holds at most
 * 500 resources and a 1 MB template, and one stack of ~7 resources per route would stop at about 60 routes.
 */
export function Api({ app, stack }: StackContext) {
  const storage = use(Storage);
  const { alarms } = use(Alerts);
  const { allowedOrigins, spaBaseUrl } = stageConfig(app);

  const api = new HttpApi(stack, "Api", {
    cors: apiCors(corsPolicy(allowedOrigins)),
    // One JSON line per request, kept as long as the functions' logs. No query string and no header but the user
    // agent: nothing of a token or a presigned URL reaches it.
    accessLog: { retention: "one_month", format: JSON.stringify(ACCESS_LOG_FIELDS) },
    defaults: {
      payloadFormatVersion: "2.0",
      // The stage's default route throttle: far above this product's traffic (bench:api), low enough that a runaway
      // client cannot run up the Lambda and DynamoDB bill. Excess requests get API Gateway's 429.
      throttle: { rate: API_THROTTLE.rate, burst: API_THROTTLE.burst },
      function: {
        ...FUNCTION_DEFAULTS,
        architecture: "arm_64",
        memorySize: "512 MB",
        timeout: "10 seconds",
        environment: { ...API_ENVIRONMENT, ALLOWED_ORIGINS: allowedOrigins.join(","), SPA_BASE_URL: spaBaseUrl },
        nodejs: API_BUNDLING,
      },
    },
  });

  const httpApi = api.cdk.httpApi;
  const serverErrorRate = new MathExpression({
    // Below a handful of requests one failure is not a rate: those periods count as fine.
    expression: `IF(requests >= ${API_ALARMS.minRequests}, 100 * errors / requests, 0)`,
    usingMetrics: { errors: httpApi.metricServerError({ statistic: Stats.SUM }), requests: httpApi.metricCount({ statistic: Stats.SUM }) },
    period: ALARM_PERIOD,
    label: "5xx answers (% of requests)",
  });
  alarms.watch(stack, "ServerErrorsAlarm", {
    description: `Over ${API_ALARMS.serverErrorPercent}% of API requests answered 5xx in 5 minutes: read the functions' errors (x-request-id in the logs); a 503 means DynamoDB is unreachable or throttling.`,
    metric: serverErrorRate,
    threshold: API_ALARMS.serverErrorPercent,
  });
  alarms.watch(stack, "LatencyAlarm", {
    description: `The API's p99 latency has been over ${API_ALARMS.p99LatencyMs} ms for ${API_ALARMS.latencyPeriods * 5} minutes: cold starts, a slow dependency, or DynamoDB throttling.`,
    metric: httpApi.metricLatency({ statistic: Stats.p(99), period: ALARM_PERIOD }),
    threshold: API_ALARMS.p99LatencyMs,
    periods: API_ALARMS.latencyPeriods,
  });

  stack.addOutputs({
    ApiUrl: api.url,
    TableName: storage.table.tableName,
    BucketName: storage.bucket.bucketName,
  });

  return { api };
}
