import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { logger } from "../../core/logger";
import { parseMediaMessage } from "../../core/media/events";
import { processUpload } from "../../core/media/pipeline";

const processor = new BatchProcessor(EventType.SQS);

/** `uploads/` ObjectCreated -> check, normalize, store. A failed record is retried alone (partial batch response). */
async function processRecord(record: SQSRecord): Promise<void> {
  const message = parseMediaMessage(record, "Uploads");
  if (message.kind === "unreadable") {
    // Why, not the body: that waits in the dead-letter queue, and S3's carries the uploader's IP address.
    logger.error("unreadable upload message; failed until it reaches the dead-letter queue", { messageId: record.messageId, reason: message.reason });
    throw new Error(`unreadable message: ${message.reason}`);
  }
  if (message.kind !== "s3") return;
  for (const event of message.events) await processUpload(event.key);
}

export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
