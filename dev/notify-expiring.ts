/**
 * `npm run notify:expiring`: runs the daily access-ending job now (core/notifications/expiring.ts), against a running
 * `npm run dev`: it reads DynamoDB Local (DYNAMODB_PORT) and puts its notices on the dev runtime's Notifications queue
 * (SQS_PORT), whose sender mails them to the local inbox. The job's windows are those of today's scheduled run, so
 * running it again asks for the same notices, and nobody is told twice.
 */
import { APP_NAME, LOCAL_REGION, tableNameFor } from "./bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "./dynamodb";

async function main(): Promise<void> {
  const stage = "local";
  const sqs = `http://127.0.0.1:${process.env.SQS_PORT ?? 9324}`;
  Object.assign(process.env, {
    SST_APP: APP_NAME,
    SST_STAGE: stage,
    SST_Table_tableName_Main: tableNameFor(stage),
    SST_Queue_queueUrl_Notifications: `${sqs}/000000000000/Notifications`,
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
    AWS_ENDPOINT_URL_SQS: sqs,
    AWS_ACCESS_KEY_ID: DYNAMO_LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DYNAMO_LOCAL_CREDENTIALS.secretAccessKey,
  });
  // Imported only now: the app's modules read the bindings set above when they load.
  const { scheduledJobs } = await import("../core/consumers");
  const { requestEndingNotices } = await import("../core/notifications/expiring");
  const job = scheduledJobs.find((row) => row.name === "AccessEnding")!;
  try {
    const run = await requestEndingNotices(job.schedule);
    console.log(`Access-ending notices asked for (windows of the run scheduled at ${run.scheduledAt}): 7 days ${run.requested["7d"]}, 1 day ${run.requested["1d"]}. They land in the local inbox once sent.`);
  } catch (error) {
    if (error instanceof Error && /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`)) {
      throw new Error("The dev runtime is not running: start `npm run dev` first.");
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
