import { AsyncLocalStorage } from "node:async_hooks";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamo } from "../core/db/client";

/**
 * Counts the DynamoDB requests each HTTP request makes, so tests can assert round trips and the API benchmark
 * can print them per route. The count rides back on two response headers of the local gateway only.
 */
export const METER_HEADERS = { count: "x-dev-dynamodb-requests", commands: "x-dev-dynamodb-commands" } as const;

const current = new AsyncLocalStorage<string[]>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // "initialize" runs once per command (retries happen later in the stack), so this counts requests made by the code.
  dynamo.middlewareStack.add(
    (next, context) => (args) => {
      current.getStore()?.push(String(context.commandName).replace(/Command$/, ""));
      return next(args);
    },
    { step: "initialize", name: "devRequestMeter" },
  );
}

export async function meter(invoke: () => Promise<APIGatewayProxyStructuredResultV2>): Promise<APIGatewayProxyStructuredResultV2> {
  install();
  const commands: string[] = [];
  const result = await current.run(commands, invoke);
  result.headers = { ...result.headers, [METER_HEADERS.count]: String(commands.length), [METER_HEADERS.commands]: commands.join(",") };
  return result;
}
