import { readFile } from "node:fs/promises";
import { Bucket as CdkBucket, EventType } from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import type { Plugin } from "esbuild";
import { use, type FunctionProps, type Queue, type StackContext } from "sst/constructs";
import { queueConsumers, type QueueConsumer, type QueueName } from "../core/consumers";
import { NOTIFICATIONS } from "../core/media/notifications";
import { Alerts } from "./Alerts";
import { attachQueueConsumer, consumerQueue } from "./consumers";
import { ocrFiles, pdfFontFiles } from "./bundling";
import { sharpFiles } from "./native";
import { isEphemeralStage } from "./stage";
import { Storage } from "./Storage";


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
  // tesseract.js starts its worker from its own files: it stays a package beside the bundle (stacks/bundling.ts ocrFiles).
  esbuild: { external: ["sharp", "tesseract.js"], plugins: [lazyBrotliDictionary] },
} satisfies FunctionProps["nodejs"];
/**
 * The media functions' environment (bench/pdf.ts runs its measurements in it). glibc gives every thread that
 * allocates its own malloc arena and rarely hands that memory back: normalizing 50 photos peaked at ~480 MB with
 * glibc's default and 290-340 MB with 2 arenas, at the same speed (1 arena: another ~40 MB less, also at the same
 * speed; measured by bench/pdf.ts when photos were still decoded whole, before session 4).
 */
export const MEDIA_ENVIRONMENT = { POWERTOOLS_SERVICE_NAME: "dulcevicio-media", MALLOC_ARENA_MAX: "2" };
/**
 * The Uploads batch size of core/consumers.ts is the photos normalized at once (Powertools' batch processor runs a
 * batch's records in parallel). sharp gives each image one libvips thread on glibc: on two cores, two at a time
 * normalized 50 photos in 3.9 s against 6.4 s one at a time, and three or four were no faster but peaked 50-100 MB
 * higher (bench/pdf.ts --at-a-time, photos decoded whole; decoded at half size, two at a time take 1.5-1.8 s).
 *
 * Memory: both consumers are CPU-bound and Lambda's CPU share grows with memory: 1769 MB is one full vCPU, far more
 * memory than either needs. Less would take proportionally longer for about the same cost; more would not speed up
 * the rebuild (pdf-lib is single-threaded) and would only buy the uploads a second vCPU for their two photos at once.
 * Peak RSS (bench/pdf.ts): 135 MB for a batch of two 12 MP photos, ~285 MB for two 100 MP ones (the largest accepted)
 * plus their downloads; 141 MB for a rebuild of 50 recipes (33 MB of photos), then ~1.4 MB per recipe (its photo and
 * its copy in the PDF): room for about a thousand.
 */

/**
 * The media pipeline: S3 notifications -> SQS -> the media consumers of core/consumers.ts (functions/media/), each
 * queue with a dead-letter queue and alarms:
 *   Uploads      uploads/ and media/videos/ ObjectCreated -> check, normalize, store (sharp)
 *   PdfRebuilds  media/recipes/*.jpg Created/Removed, and rebuild requests from the API -> rebuild the course PDF
 */
export function Media({ app, stack }: StackContext) {
  const storage = use(Storage);
  const { alarms } = use(Alerts);

  // Media consumers run on x86_64 (where bench/pdf.ts measured them) with sharp's binaries for that platform, installed
  // by the build whatever machine runs it (stacks/native.ts). SST's own `install` would run npm for the build machine.
  const mediaFunction = (row: QueueConsumer): FunctionProps => ({
    architecture: "x86_64",
    environment: MEDIA_ENVIRONMENT,
    nodejs: MEDIA_BUNDLING,
    copyFiles: [...sharpFiles("x64"), ...pdfFontFiles(row.handler), ...ocrFiles(row.handler)],
  });

  const rows = queueConsumers.filter((row) => row.runtime === "media");
  const queues = Object.fromEntries(rows.map((row) => [row.queue, consumerQueue(stack, row, alarms)])) as Record<QueueName, ReturnType<typeof consumerQueue>>;
  const sendable: Partial<Record<QueueName, Queue>> = Object.fromEntries(Object.entries(queues).map(([name, { queue }]) => [name, queue]));
  // Every queue exists before any consumer is attached: the Uploads consumer sends to PdfRebuilds.
  const resources = { ...storage, queues: sendable, secretsFallback: isEphemeralStage(app) };
  const consumers = rows.map((row) => ({ row, ...queues[row.queue], fn: attachQueueConsumer(stack, row, queues[row.queue].queue, resources, alarms, mediaFunction(row)) }));

  // The notifications are attached in this stack to the bucket imported by name: attaching them in Storage would
  // make Storage depend on these queues while they depend on Storage (a cycle CloudFormation refuses).
  const bucket = CdkBucket.fromBucketAttributes(stack, "MediaBucket", { bucketArn: storage.bucket.bucketArn, bucketName: storage.bucket.bucketName });
  for (const rule of NOTIFICATIONS) {
    for (const event of rule.events) {
      bucket.addEventNotification(event === "ObjectCreated" ? EventType.OBJECT_CREATED : EventType.OBJECT_REMOVED, new SqsDestination(queues[rule.queue].queue.cdk.queue), {
        prefix: rule.prefix,
        ...(rule.suffix ? { suffix: rule.suffix } : {}),
      });
    }
  }

  stack.addOutputs(Object.fromEntries(rows.map((row) => [`${row.queue}DeadLetterQueue`, queues[row.queue].deadLetters.queueUrl])));
  return { queues: sendable, consumers };
}
