import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { logger } from "../../core/logger";
import { parseMediaMessage } from "../../core/media/events";
import { courseOfRecipeImage } from "../../core/media/keys";
import { markFailed, rebuildCoursePdf } from "../../core/media/rebuild";
import * as Courses from "../../core/courses/courses";

/**
 * `media/recipes/` Created/Removed and rebuild requests -> one rebuild per course per batch (the batching window
 * gathers a burst of uploads into few rebuilds). A failed course fails only its own records.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const recordsByCourse = new Map<string, string[]>();
    for (const record of event.Records) {
      const message = parseMediaMessage(record);
      const courses =
        message.kind === "rebuild" ? [message.courseId] : message.kind === "s3" ? message.events.map((e) => courseOfRecipeImage(e.key)) : [];
      for (const courseId of courses) {
        if (courseId) recordsByCourse.set(courseId, [...(recordsByCourse.get(courseId) ?? []), record.messageId]);
      }
    }
    const failures: string[] = [];
    for (const [courseId, messageIds] of recordsByCourse) {
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
