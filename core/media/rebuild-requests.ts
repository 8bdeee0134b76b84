import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { queueUrl } from "../bindings";

let client: SQSClient | undefined;

/**
 * Made on first use rather than at import, so that importing this module does nothing: most functions reach it
 * through a module they share without ever asking for a rebuild, and esbuild then leaves this module and the SQS
 * SDK out of their bundles (docs/cold-start.md).
 */
const sqs = (): SQSClient => (client ??= new SQSClient({}));

/** A message on the rebuild queue that is not an S3 event: "rebuild this course's PDF". */
export interface RebuildRequest {
  rebuild_course: string;
}

/**
 * Asks for a PDF rebuild of each course. Used by changes that move no object (reorder, retitle, activation,
 * the on-demand endpoint): image changes reach the same queue through S3's own notifications.
 */
export async function requestRebuild(courseIds: string[]): Promise<void> {
  const unique = [...new Set(courseIds)];
  for (let offset = 0; offset < unique.length; offset += 10) {
    const entries = unique.slice(offset, offset + 10).map((courseId, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify({ rebuild_course: courseId } satisfies RebuildRequest),
    }));
    const result = await sqs().send(new SendMessageBatchCommand({ QueueUrl: queueUrl("PdfRebuilds"), Entries: entries }));
    if (result.Failed?.length) throw new Error(`Could not queue PDF rebuilds: ${result.Failed.map((failure) => failure.Code).join(", ")}`);
  }
}
