import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { logger } from "../../core/logger";
import { rebuildsOf } from "../../core/media/events";
import { markFailed, rebuildCoursePdf } from "../../core/media/rebuild";
import * as Courses from "../../core/courses/courses";

/**
 * `media/recipes/` Created/Removed and rebuild requests -> one rebuild per course per batch (the batching window
 * gathers a burst of uploads into few rebuilds). A failed course fails only its own records; a message that cannot
 * be read fails only itself.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const { messagesByCourse, unreadable } = rebuildsOf(event.Records);
    const failures = unreadable.map(({ messageId }) => messageId);
    for (const { messageId, reason } of unreadable) {
      // Why, not the body: that waits in the dead-letter queue, and S3's carries the uploader's IP address.
      logger.error("unreadable rebuild message; failed until it reaches the dead-letter queue", { messageId, reason });
    }
    for (const [courseId, messageIds] of messagesByCourse) {
      try {
        await rebuildCoursePdf(courseId);
      } catch (error) {
        logger.error("recipe pdf rebuild failed; its messages will be retried", { course: courseId, error: error as Error });
        failures.push(...messageIds);
        // Shown as `status: failed` until a later build of the course succeeds.
        const course = await Courses.get(courseId);
        if (course) await markFailed(courseId, course.recipes_revision);
      }
    }
    return { batchItemFailures: [...new Set(failures)].map((itemIdentifier) => ({ itemIdentifier })) };
  });
