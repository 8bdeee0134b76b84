import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Imports from "../../core/imports/imports";
import { logger } from "../../core/logger";

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** An import that just entered `checking` (its file landed) or `applying` (an admin applied it): that step. */
async function processRecord(change: DynamoDBRecord): Promise<void> {
  const status = (image: "NewImage" | "OldImage") => change.dynamodb?.[image]?.status?.S;
  const importId = change.dynamodb?.NewImage?.import_id?.S;
  const now = status("NewImage");
  if (!importId || now === status("OldImage")) return;
  if (now === "checking") await Imports.process(importId, "check");
  if (now === "applying") await Imports.process(importId, "apply");
}

export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
