import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { logger } from "../../core/logger";
import { deliver, readRequest, retryLater } from "../../core/notifications/outbox";

const processor = new BatchProcessor(EventType.SQS);

/** One notification request -> the in-app notification and at most one email. A failed one comes back after a backoff. */
async function processRecord(record: SQSRecord): Promise<void> {
  try {
    const request = readRequest(record.body);
    const delivery = await deliver(request);
    logger.info("notification handled", { kind: request.kind, eventKey: request.event_key, ...delivery });
  } catch (error) {
    logger.error("a notification failed; it comes back later, and after its last try waits in the dead-letter queue", {
      messageId: record.messageId,
      receives: record.attributes.ApproximateReceiveCount,
      error: error as Error,
    });
    await retryLater(record);
    throw error;
  }
}

export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // In order, one at a time: the mail service's rate is the limit, not this function.
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context, processInParallel: false }));
