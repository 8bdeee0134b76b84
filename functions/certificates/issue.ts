import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Certificates from "../../core/certificates/certificates";
import { logger } from "../../core/logger";

type Image = Record<string, unknown>;
const imageOf = (image: NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]): Image | undefined =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

/**
 * The table's stream -> certificates. A lesson progress that became completed may complete its course: issue the
 * certificate (once: core/certificates `issueIfComplete`). A certificate inserted (issued or reissued): write its
 * PDF. Records are handled in order; the first that fails is reported with the ones after it (the stream retries
 * from there), and what was done before it is not redone (both effects are idempotent anyway).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      try {
        await handle(record);
      } catch (error) {
        // Ids only: the images carry the student's name.
        logger.error("certificate step failed; retried from this record", { sequenceNumber: record.dynamodb?.SequenceNumber, error: error as Error });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
      }
    }
    return { batchItemFailures: [] };
  });

async function handle(record: DynamoDBRecord): Promise<void> {
  const now = imageOf(record.dynamodb?.NewImage);
  const before = imageOf(record.dynamodb?.OldImage);
  if (!now) return; // a removal: nothing to issue or build
  if (now.__edb_e__ === "lessonProgress") {
    if (now.completed === true && before?.completed !== true) await Certificates.issueIfComplete(String(now.user_id), String(now.course_id));
  } else if (now.__edb_e__ === "certificate") {
    if (now.pdf_status === "pending") await Certificates.buildPdf(String(now.certificate_id));
  }
}
