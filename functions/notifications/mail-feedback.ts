import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { logger } from "../../core/logger";
import { recordFeedback } from "../../core/notifications/feedback";

const processor = new BatchProcessor(EventType.SQS);

/** SES bounces and complaints -> the address is not mailable any more. */
async function processRecord(record: SQSRecord): Promise<void> {
  await recordFeedback(record.body);
}

export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
