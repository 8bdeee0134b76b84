import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Activity from "../../core/dashboard/activity";
import { logger } from "../../core/logger";

type Image = Record<string, unknown>;
const imageOf = (image: NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]): Image | undefined =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

/** Which daily counter a change adds to: inserts of users, enrollments, comments; a lesson becoming completed. */
function counterOf(record: DynamoDBRecord): Activity.Counter | undefined {
  const now = imageOf(record.dynamodb?.NewImage);
  const before = imageOf(record.dynamodb?.OldImage);
  if (!now) return undefined;
  const inserted = record.eventName === "INSERT";
  switch (now.__edb_e__) {
    case "user": return inserted ? "new_users" : undefined;
    case "enrollment": return inserted ? "new_enrollments" : undefined;
    case "comment": return inserted ? "comments" : undefined;
    case "lessonProgress": return now.completed === true && before?.completed !== true ? "lesson_completions" : undefined;
    default: return undefined;
  }
}

/** The table's stream -> the dashboard's daily activity counters (core/dashboard/activity.ts), once per record. */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      try {
        const counter = counterOf(record);
        const seconds = record.dynamodb?.ApproximateCreationDateTime;
        if (counter) await Activity.count(record.eventID!, counter, seconds ? new Date(seconds * 1000) : new Date());
      } catch (error) {
        logger.error("activity count failed; retried from this record", { sequenceNumber: record.dynamodb?.SequenceNumber, error: error as Error });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
      }
    }
    return { batchItemFailures: [] };
  });
