import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { ScheduledEvent } from "aws-lambda";
import { scheduledJobs } from "../../core/consumers";
import { logger } from "../../core/logger";
import { requestEndingNotices, type ExpiryRun } from "../../core/notifications/expiring";

const job = scheduledJobs.find((row) => row.handler === "notifications/expiring")!;

/** Daily (EventBridge, core/consumers.ts scheduledJobs): the access-ending notices of the day. */
export const handler = middy<ScheduledEvent, ExpiryRun>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const run = await requestEndingNotices(job.schedule);
    logger.info("access-ending notices asked for", { ...run });
    return run;
  });
