import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Exports from "../../core/exports/exports";
import { logger } from "../../core/logger";

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** An export just asked for (inserted `building`): build its document. Its own patch to `ready` is skipped. */
async function processRecord(change: DynamoDBRecord): Promise<void> {
  const image = change.dynamodb?.NewImage;
  if (change.eventName !== "INSERT" || image?.status?.S !== "building") return;
  await Exports.build(image.user_id!.S!, image.export_id!.S!);
}

export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
