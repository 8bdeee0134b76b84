/**
 * The Lambda `context` object, built the way the Lambda runtime builds it, for every handler the local runtime
 * invokes (the API gateway and the queue consumers), so code that reads it (Powertools, timeouts) behaves as on AWS.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { LOCAL_REGION } from "./bindings";

export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  const noop = () => {};
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString("hex")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // Deprecated callback-era methods: async handlers never call them, middy does not either.
    done: noop,
    fail: noop,
    succeed: noop,
  };
}
