import { Duration } from "aws-cdk-lib";
import { Bucket as CdkBucket, EventType } from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Function as SstFunction, Queue, use, type FunctionProps, type StackContext } from "sst/constructs";
import { NOTIFICATIONS, type NotificationRule } from "../core/media/notifications";
import { functionAccess, grantsFor } from "./grants";
import { Storage } from "./Storage";

const SHARP_FILES = ["sharp", "@img/colour", "@img/sharp-linux-x64", "@img/sharp-libvips-linux-x64", "detect-libc", "semver"].map((name) => ({
  from: `node_modules/${name}`,
  to: `node_modules/${name}`,
}));

/** Pages of the PDF use this font; the bundle carries it next to the handler (see core/media/pdf.ts). */
const PDF_FONT = "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf";

/**
 * The media pipeline: S3 notifications -> SQS -> consumers, each queue with a dead-letter queue.
 *   Uploads      uploads/ ObjectCreated -> check, normalize, store (sharp)
 *   PdfRebuilds  media/recipes/*.jpg Created/Removed, and rebuild requests from the API -> rebuild the course PDF
 */
export function Media({ stack }: StackContext) {
  const storage = use(Storage);

  // Media consumers run on x86_64 with sharp's prebuilt linux-x64 binaries copied from this project's
  // node_modules (SST's own sharp install downloads an old libvips from the internet). Keep the list in step with
  // sharp's dependencies.
  const mediaFunction = (props: FunctionProps): FunctionProps => ({
    ...props,
    architecture: "x86_64",
    runtime: "nodejs22.x",
    // glibc's default arena count inflates sharp's peak memory (measured by bench/pdf.ts).
    environment: { POWERTOOLS_SERVICE_NAME: "dulcevicio-media", NODE_OPTIONS: "--enable-source-maps", MALLOC_ARENA_MAX: "2", ...props.environment },
    nodejs: { format: "esm", sourcemap: true, minify: true, esbuild: { external: ["sharp"] } },
    copyFiles: [...SHARP_FILES, ...(props.copyFiles ?? [])],
  });
  const access = (uses: Parameters<typeof grantsFor>[0]["uses"]) => functionAccess(grantsFor({ auth: "public", uses }), storage);

  const deadLetters = (id: string) => new Queue(stack, `${id}DeadLetters`, { cdk: { queue: { retentionPeriod: Duration.days(14) } } });

  const uploadsDlq = deadLetters("Uploads");
  const uploads = new Queue(stack, "Uploads", {
    cdk: { queue: { visibilityTimeout: Duration.minutes(6), deadLetterQueue: { queue: uploadsDlq.cdk.queue, maxReceiveCount: 5 } } },
    consumer: {
      // Two images at a time is the measured sweet spot for sharp on 2 vCPUs; memory from the pdf benchmark.
      cdk: { eventSource: { batchSize: 2, reportBatchItemFailures: true } },
      function: new SstFunction(
        stack,
        "ProcessUploads",
        mediaFunction({ handler: "functions/media/process-uploads.handler", memorySize: "2048 MB", timeout: "60 seconds", ...access(["table:write", "bucket:read", "bucket:write"]) }),
      ),
    },
  });

  const rebuildsDlq = deadLetters("PdfRebuilds");
  const rebuildQueue = new Queue(stack, "PdfRebuilds", {
    cdk: { queue: { visibilityTimeout: Duration.minutes(18), deadLetterQueue: { queue: rebuildsDlq.cdk.queue, maxReceiveCount: 5 } } },
    consumer: {
      // The window gathers a burst of uploads into one rebuild per course.
      cdk: { eventSource: { batchSize: 10, maxBatchingWindow: Duration.seconds(5), reportBatchItemFailures: true } },
      function: new SstFunction(
        stack,
        "RebuildPdfs",
        mediaFunction({
          handler: "functions/media/rebuild-pdfs.handler",
          memorySize: "1024 MB",
          timeout: "3 minutes",
          copyFiles: [{ from: PDF_FONT, to: "DejaVuSans.ttf" }],
          // One rebuild at a time: rebuilds of one course must not stampede (the revision guard keeps them right,
          // this keeps them cheap).
          reservedConcurrentExecutions: 1,
          ...access(["table:write", "bucket:read", "bucket:write"]),
        }),
      ),
    },
  });

  // The notifications are attached in this stack to the bucket imported by name: attaching them in Storage would
  // make Storage depend on these queues while they depend on Storage (a cycle CloudFormation refuses).
  const queues: Record<NotificationRule["queue"], Queue> = { Uploads: uploads, PdfRebuilds: rebuildQueue };
  const bucket = CdkBucket.fromBucketAttributes(stack, "MediaBucket", { bucketArn: storage.bucket.bucketArn, bucketName: storage.bucket.bucketName });
  for (const rule of NOTIFICATIONS) {
    for (const event of rule.events) {
      bucket.addEventNotification(event === "ObjectCreated" ? EventType.OBJECT_CREATED : EventType.OBJECT_REMOVED, new SqsDestination(queues[rule.queue].cdk.queue), {
        prefix: rule.prefix,
        ...(rule.suffix ? { suffix: rule.suffix } : {}),
      });
    }
  }

  stack.addOutputs({ UploadsDeadLetterQueue: uploadsDlq.queueUrl, PdfRebuildsDeadLetterQueue: rebuildsDlq.queueUrl });
  return { rebuildQueue };
}
