import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { logger } from "../../core/logger";
import { requestsFor } from "../../core/notifications/events";
import { enqueue } from "../../core/notifications/requests";

/**
 * The table's stream (enrollments, memberships, comments, lessons) -> one Notifications message per person to tell.
 * Every record of the batch is handled, even after one fails: a failure is a checkpoint (Lambda retries the batch
 * from the first failed record, and after the row's retries sends that range to the dead-letter queue), so a record
 * behind a poison one would otherwise never be told. Handling it again on a retry asks again, which the sender's
 * idempotency keys make harmless; each record is read on its own (the sender reads the current state), so the order
 * between them does not matter.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const batchItemFailures: DynamoDBBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await enqueue(await requestsFor(record));
      } catch (error) {
        // What failed and where, not the images: they hold people's data.
        logger.error("a stream record could not be turned into notifications; retried from here", { eventID: record.eventID, eventName: record.eventName, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
      }
    }
    return { batchItemFailures };
  });
