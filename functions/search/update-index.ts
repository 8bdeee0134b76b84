import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { logger } from "../../core/logger";
import { coursesToRefresh, refresh } from "../../core/search/refresh";

/**
 * The table's stream (courses, lessons, recipes) -> the search index. The batch is one build: if it fails, the batch
 * is retried from its first record (refreshing a course again is harmless).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    try {
      await refresh(coursesToRefresh(event.Records));
      return { batchItemFailures: [] };
    } catch (error) {
      logger.error("search index build failed; the batch is retried", { sequenceNumber: first, error: error as Error });
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  });
