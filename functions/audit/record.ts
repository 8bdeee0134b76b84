import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { record } from "../../core/audit/record";
import { logger } from "../../core/logger";

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Every admin-stamped change of the table -> its audit entry. A record that fails is retried from its position on. */
async function processRecord(change: DynamoDBRecord): Promise<void> {
  await record(change);
}

export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
