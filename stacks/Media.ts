import { readFile } from "node:fs/promises";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Bucket as CdkBucket, EventType } from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import type { Plugin } from "esbuild";
import { Function as SstFunction, Queue, use, type FunctionProps, type StackContext } from "sst/constructs";
import { MEDIA_MAX_RECEIVE_COUNT } from "../core/media/events";
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
 * @pdf-lib/fontkit decompresses Brotli's 120 KB static dictionary the moment it is loaded, for WOFF2 fonts; the PDF
 * font is a TTF. Deferring that to first use takes ~50 ms of CPU off every cold start of the rebuild (measured by
 * bench/pdf.ts). The build fails if fontkit no longer has the line this replaces, rather than dropping the saving
 * silently.
 */
const lazyBrotliDictionary: Plugin = {
  name: "lazy-brotli-dictionary",
  setup(build) {
    build.onLoad({ filter: /[\\/]@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.(es|umd)\.js$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const eager = /^([ \t]*)dictionary\.init\(BrotliDecompressBuffer\);$/m;
      if (source.match(new RegExp(eager, "gm"))?.length !== 1) throw new Error(`${path}: Brotli's dictionary is no longer set up by one "dictionary.init(BrotliDecompressBuffer);" line`);
      const lazy = "$1Object.defineProperty(dictionary, 'dictionary', { configurable: true, get() { delete dictionary.dictionary; dictionary.init(BrotliDecompressBuffer); return dictionary.dictionary; } });";
      return { contents: source.replace(eager, lazy), loader: "js" };
    });
  },
};

/**
 * How SST bundles the media functions (bench/pdf.ts bundles the media code the same way to measure it). Not
 * minified and without a source map, so a stack trace reads as it is: node parsing the rebuild's 3.8 MB map at
 * every cold start (--enable-source-maps) cost ~13 MB and ~20 ms, minifying would save ~4 MB and ~10 ms (measured).
 */
export const MEDIA_BUNDLING = {
  format: "esm",
  sourcemap: false,
  minify: false,
  esbuild: { external: ["sharp"], plugins: [lazyBrotliDictionary] },
} satisfies FunctionProps["nodejs"];
/**
 * The media functions' environment (bench/pdf.ts runs its measurements in it). glibc gives every thread that
 * allocates its own malloc arena and rarely hands that memory back: normalizing 50 photos peaked at ~480 MB with
 * glibc's default and 290-340 MB with 2 arenas, at the same speed (1 arena: another ~40 MB less, also at the same
 * speed; measured by bench/pdf.ts when photos were still decoded whole, before session 4).
 */
export const MEDIA_ENVIRONMENT = { POWERTOOLS_SERVICE_NAME: "dulcevicio-media", MALLOC_ARENA_MAX: "2" };
/**
 * Photos per upload consumer invocation, normalized at once (Powertools' batch processor runs a batch's records in
 * parallel). sharp gives each image one libvips thread on glibc: on two cores, two at a time normalized 50 photos
 * in 3.9 s against 6.4 s one at a time, and three or four were no faster but peaked 50-100 MB higher
 * (bench/pdf.ts --at-a-time, photos decoded whole; decoded at half size, two at a time take 1.5-1.8 s).
 */
export const UPLOADS_BATCH_SIZE = 2;

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
    environment: { ...MEDIA_ENVIRONMENT, ...props.environment },
    nodejs: MEDIA_BUNDLING,
    copyFiles: [...SHARP_FILES, ...(props.copyFiles ?? [])],
  });
  const access = (uses: Parameters<typeof grantsFor>[0]["uses"]) => functionAccess(grantsFor({ auth: "public", uses }), storage);

  /**
   * A message lands here after MEDIA_MAX_RECEIVE_COUNT failed tries (a poison upload, a message no consumer can
   * read, a rebuild that keeps failing). An alarm goes off as soon as one is waiting: each is a photo or a PDF a
   * person is waiting for. Subscribe the stage's on-call (an SNS topic) to the alarms; the stack does not guess who
   * that is.
   */
  const deadLetters = (id: string) => {
    const queue = new Queue(stack, `${id}DeadLetters`, { cdk: { queue: { retentionPeriod: Duration.days(14) } } });
    new Alarm(stack, `${id}DeadLettersAlarm`, {
      alarmDescription: `A message reached the ${id} dead-letter queue after ${MEDIA_MAX_RECEIVE_COUNT} failed tries: inspect it, fix the cause, redrive it.`,
      metric: queue.cdk.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    return queue;
  };

  // Memory sizes, from bench/pdf.ts (docs/media-bench.md). Both consumers are CPU-bound and Lambda's CPU share grows
  // with memory: 1769 MB is one full vCPU, far more memory than either needs. Less would take proportionally longer
  // for about the same cost; more would not speed up the rebuild (pdf-lib is single-threaded) and would only buy
  // the uploads a second vCPU for their two photos at once.
  const ONE_VCPU = "1769 MB";

  const uploadsDlq = deadLetters("Uploads");
  const uploads = new Queue(stack, "Uploads", {
    cdk: { queue: { visibilityTimeout: Duration.minutes(6), deadLetterQueue: { queue: uploadsDlq.cdk.queue, maxReceiveCount: MEDIA_MAX_RECEIVE_COUNT } } },
    consumer: {
      cdk: { eventSource: { batchSize: UPLOADS_BATCH_SIZE, reportBatchItemFailures: true } },
      function: new SstFunction(
        stack,
        "ProcessUploads",
        // Peak RSS: 135 MB for a batch of two 12 MP photos; ~285 MB for two 100 MP ones (the largest accepted) plus
        // their downloads (at most 2 × 25 MB, held twice while read).
        mediaFunction({ handler: "functions/media/process-uploads.handler", memorySize: ONE_VCPU, timeout: "60 seconds", ...access(["table:write", "bucket:read", "bucket:write"]) }),
      ),
    },
  });

  const rebuildsDlq = deadLetters("PdfRebuilds");
  const rebuildQueue = new Queue(stack, "PdfRebuilds", {
    cdk: { queue: { visibilityTimeout: Duration.minutes(18), deadLetterQueue: { queue: rebuildsDlq.cdk.queue, maxReceiveCount: MEDIA_MAX_RECEIVE_COUNT } } },
    consumer: {
      // The window gathers a burst of uploads into one rebuild per course.
      cdk: { eventSource: { batchSize: 10, maxBatchingWindow: Duration.seconds(5), reportBatchItemFailures: true } },
      function: new SstFunction(
        stack,
        "RebuildPdfs",
        mediaFunction({
          handler: "functions/media/rebuild-pdfs.handler",
          // Peak RSS: 141 MB for 50 recipes (33 MB of photos), then ~1.4 MB per recipe (its photo, and its copy
          // in the PDF): room for about a thousand.
          memorySize: ONE_VCPU,
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
