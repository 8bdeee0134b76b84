/**
 * The consumer table: every function that runs off the request, listed once, as core/routes.ts lists the endpoints.
 *
 * Read by the stacks (stacks/consumers.ts builds one queue or stream subscription and one function per row, with
 * the grants its `uses` ask for) and by the local runtime (dev/workers.ts runs the same handlers behind local
 * queues and a poller of DynamoDB Local's stream), so the two cannot disagree on batch sizes, windows or retries.
 * Adding a consumer = one handler file under `functions/` + one row here.
 */
import type { Resource } from "./routes";

/**
 * The queues, by name: the construct id in the stack and the name in the local runtime; `queue:<name>` in a
 * function's `uses` lets it send there. Each has one row below.
 */
export const QUEUE_NAMES = ["Uploads", "PdfRebuilds", "Notifications", "MailFeedback", "RecipeOcr"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface QueueConsumer {
  queue: QueueName;
  /** Handler file under `functions/`, without extension; it exports `handler`. */
  handler: string;
  uses: readonly Resource[];
  /** Records per invocation. */
  batchSize: number;
  /** How long the event source gathers a batch before invoking (MaximumBatchingWindowInSeconds). */
  batchWindowSeconds: number;
  /** The function's timeout. The queue's visibility timeout is six times this, as AWS advises for SQS event sources. */
  timeoutSeconds: number;
  /**
   * The most invocations the event source mapping runs at once (its `maximumConcurrency`, 2 to 1000), instead of a
   * reserved concurrency: a reservation takes capacity from the account's unreserved pool (a new account's quota of
   * 10 refuses it) and makes throttled messages use up receives until they reach the dead-letter queue.
   */
  maxConcurrency: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
  /** Lambda memory: CPU share grows with it (1769 MB is one full vCPU). */
  memoryMB: number;
  /** `media` functions carry sharp's native binaries and the PDF font (stacks/Media.ts). */
  runtime: "node" | "media";
  /** One line for humans: what the consumer does. */
  summary: string;
}

/**
 * How many times a message of a queue is received before SQS moves it to the queue's dead-letter queue (the
 * redrive policy's maxReceiveCount). The stack and the local queues both read it, so a test of dead-lettering
 * exercises the number that is deployed.
 */
export const MAX_RECEIVE_COUNT = 5;

/** Both media consumers are CPU-bound; see stacks/Media.ts for the measurements behind the sizes. */
const ONE_VCPU_MB = 1769;

export const queueConsumers = [
  {
    queue: "Uploads",
    handler: "media/process-uploads",
    // Raw images are read, normalized into media/, then removed; videos are checked where they landed (a refused or
    // overtaken one is removed, so is the video it replaces); a landed recipe photo asks for its course's rebuild.
    uses: ["table:write", "s3:get:uploads", "s3:delete:uploads", "s3:put:recipeImages", "s3:delete:recipeImages", "s3:put:thumbnails", "s3:delete:thumbnails", "s3:put:avatars", "s3:delete:avatars", "s3:get:videos", "s3:delete:videos", "queue:PdfRebuilds", "queue:RecipeOcr"],
    // Photos per invocation, normalized at once (stacks/Media.ts: two at a time is the measured sweet spot).
    batchSize: 2,
    batchWindowSeconds: 0,
    timeoutSeconds: 60,
    // Ten photos normalizing at once: a burst of 50 drains in about 5 batch rounds.
    maxConcurrency: 5,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    memoryMB: ONE_VCPU_MB,
    runtime: "media",
    summary: "uploads/ and media/videos/ ObjectCreated: check, normalize and store photos; check videos where they landed",
  },
  {
    queue: "PdfRebuilds",
    handler: "media/rebuild-pdfs",
    uses: ["table:write", "s3:get:recipeImages", "s3:put:pdfs", "s3:delete:pdfs"],
    // The window gathers a burst of uploads into one rebuild per course.
    batchSize: 10,
    batchWindowSeconds: 5,
    timeoutSeconds: 180,
    // The fewest an event source allows. Rebuilds of one course must not stampede: the revision guard keeps them
    // right, this keeps them cheap.
    maxConcurrency: 2,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    memoryMB: ONE_VCPU_MB,
    runtime: "media",
    summary: "media/recipes/ Created/Removed and rebuild requests: rebuild each course's consolidated recipe PDF",
  },
  // OCR (issue 15): its own queue, so a slow recognition never delays a photo's `ready` or the PDF.
  {
    queue: "RecipeOcr",
    handler: "media/recognize-text",
    // Reads the photo (or a recipe PDF's own text), writes its word boxes beside it and the text on the recipe, asks
    // for the course's rebuild.
    uses: ["table:write", "s3:get:recipeImages", "s3:put:recipeImages", "queue:PdfRebuilds"],
    // One photo per invocation: Tesseract runs on one thread, bench:ocr measures ~1-2 s per normalized photo on one core.
    batchSize: 1,
    batchWindowSeconds: 0,
    // A cold start (language data, ~0.3-0.5 s) plus the slowest photo measured, with room to spare.
    timeoutSeconds: 60,
    maxConcurrency: 2,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    // One full vCPU for the single-threaded recognition; peak RSS measured by bench:ocr stays far below.
    memoryMB: ONE_VCPU_MB,
    // sharp (the downscale before OCR) and Tesseract's files beside the bundle (stacks/Media.ts).
    runtime: "media",
    summary: "a recipe photo is ready: read its text (Tesseract, Spanish + English), store it and its word boxes, rebuild the PDF",
  },

  // notifications (core/notifications/)
  {
    queue: "Notifications",
    handler: "notifications/send",
    // Reads what a notice is about, writes the in-app notification and the email's idempotency key, sends by SES.
    uses: ["table:write", "mail:send"],
    // One request after the other within a batch (SES's sending rate starts at 14 emails a second).
    batchSize: 10,
    // None: a notice goes out as soon as it is asked for (bench:notify measures stream to inbox).
    batchWindowSeconds: 0,
    timeoutSeconds: 30,
    // The fewest an event source allows: two batches at once stay near SES's starting rate; above it, the
    // throttled sends are retried with backoff (core/notifications/outbox.ts).
    maxConcurrency: 2,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    memoryMB: 512,
    runtime: "node",
    summary: "notification requests: write the in-app notification and send its email once (SES), backing off when refused",
  },
  {
    queue: "MailFeedback",
    handler: "notifications/mail-feedback",
    uses: ["table:write"],
    batchSize: 10,
    batchWindowSeconds: 0,
    timeoutSeconds: 30,
    maxConcurrency: 2,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    memoryMB: 256,
    runtime: "node",
    summary: "SES bounces and complaints (configuration set -> SNS): mark the address not mailable",
  },
] as const satisfies readonly QueueConsumer[];

/**
 * A reaction to a change of the table, read from its DynamoDB Stream (new and old images): the request that made the
 * change does nothing extra. The function gets only the records of the ElectroDB entities it names (an event filter
 * on `__edb_e__`, so it is not even invoked for the rest), in batches, and reports partial batch failures; a batch
 * that keeps failing is split, retried `maxRetries` times, then its records' positions go to a dead-letter queue.
 */
export interface StreamConsumer {
  /** The construct id of its function and dead-letter queue. */
  name: string;
  handler: string;
  uses: readonly Resource[];
  /**
   * ElectroDB entity names (`model.entity`) whose inserts, updates and removals it receives, or `"any"` for every
   * entity, including those added later (the audit log).
   */
  entities: readonly string[] | "any";
  /** Only changes whose new or old image carries this string attribute (an event filter too): the audit log's `_actor`. */
  withAttribute?: string;
  batchSize: number;
  batchWindowSeconds: number;
  timeoutSeconds: number;
  /** Tries of a failing batch after the first, before its records go to the dead-letter queue. */
  maxRetries: number;
  memoryMB: number;
  summary: string;
}

export const streamConsumers = [
  // notifications (core/notifications/)
  {
    name: "NotificationEvents",
    handler: "notifications/derive",
    // Reads who is to be told (a thread's participants, a course's students) and asks the sender, one message each.
    uses: ["table:read", "queue:Notifications"],
    entities: ["enrollment", "membership", "comment", "lesson"],
    batchSize: 20,
    batchWindowSeconds: 0,
    timeoutSeconds: 60,
    maxRetries: 5,
    memoryMB: 512,
    summary: "enrollments, memberships, forum replies and lessons: who is to be told, one Notifications message each",
  },
  // Certificates (issue 17): a completed lesson may complete a course (issue, once); an issued certificate gets its PDF.
  {
    name: "Certificates",
    handler: "certificates/issue",
    uses: ["table:write", "s3:put:certificates"],
    entities: ["lessonProgress", "certificate"],
    batchSize: 20,
    batchWindowSeconds: 1,
    // A PDF takes ~100 ms warm; the first of a cold start loads the font (~1 s).
    timeoutSeconds: 30,
    maxRetries: 5,
    memoryMB: 1024,
    summary: "lessonProgress completed -> issue the course certificate once; certificate inserted -> write its PDF",
  },
  {
    name: "AuditLog",
    handler: "audit/record",
    uses: ["table:write"],
    // Every entity, present and future; only the changes an admin's request stamped (core/audit/stamp.ts).
    entities: "any",
    withAttribute: "_actor",
    // Each record is one conditional PutItem, side by side: a hundred take a few tens of milliseconds.
    batchSize: 100,
    batchWindowSeconds: 1,
    timeoutSeconds: 60,
    maxRetries: 10,
    memoryMB: 512,
    summary: "Every change an admin's request made to the table (its stamped stream records): one audit entry each, with old and new values",
  },
  {
    name: "EnrollmentImports",
    handler: "enrollments/process-import",
    // Reads the uploaded CSV, keeps a copy and drops the upload; writes the reports; enrolls (core/imports/imports.ts).
    uses: ["table:write", "s3:get:uploads", "s3:delete:uploads", "s3:get:imports", "s3:put:imports"],
    entities: ["enrollment_import"],
    // One import at a time: 5,000 rows applied one after the other take a few minutes at most.
    batchSize: 1,
    batchWindowSeconds: 0,
    timeoutSeconds: 900,
    maxRetries: 3,
    memoryMB: 1024,
    summary: "An enrollment import's CSV landed or was applied: its dry run, or its enrollments, with a report per row",
  },
  // Search (issue 15, core/search/): the catalog index follows the courses, lessons and recipes.
  {
    name: "SearchIndex",
    handler: "search/update-index",
    // Reads the changed courses' partitions and the pointer, writes the pointer; the index objects under search/.
    uses: ["table:write", "s3:get:searchIndex", "s3:put:searchIndex", "s3:delete:searchIndex"],
    entities: ["course", "lesson", "recipe"],
    // One build per batch: the window gathers an admin's burst of edits into one.
    batchSize: 100,
    batchWindowSeconds: 2,
    // A build of 20,000 recipes takes seconds (bench:search); the first of a stage reads the whole catalogue.
    timeoutSeconds: 300,
    maxRetries: 10,
    memoryMB: 1769,
    summary: "courses, lessons and recipes changed: re-read those courses and move the search index forward (revision-guarded)",
  },
  // Personal data exports (issue 18, core/exports/): a requested export is built here, off the request.
  {
    name: "PersonalDataExports",
    handler: "exports/build",
    uses: ["table:write", "s3:put:exports"],
    entities: ["personal_data_export"],
    batchSize: 5,
    batchWindowSeconds: 0,
    // About a dozen Queries and one PutObject: well under a second for a person with years of activity.
    timeoutSeconds: 120,
    maxRetries: 3,
    memoryMB: 1024,
    summary: "A personal data export was asked for: build its JSON document into exports/ and mark it ready",
  },
  // Dashboard activity chart (issue 18 item 4, core/dashboard/activity.ts): one counter item per UTC day.
  {
    name: "DashboardActivity",
    handler: "dashboard/count-activity",
    uses: ["table:write"],
    entities: ["user", "enrollment", "lessonProgress", "comment"],
    // Each counted record is one small TransactWriteItems (claim + ADD).
    batchSize: 100,
    batchWindowSeconds: 1,
    timeoutSeconds: 60,
    maxRetries: 10,
    memoryMB: 256,
    summary: "User, enrollment and comment inserts and lessons becoming completed: add one to the day's activity counter, once",
  },
] as const satisfies readonly StreamConsumer[];

/**
 * Work that runs on a clock: an EventBridge rule (SST `Cron`) once a day at `hourUtc:minute` on AWS (stacks/Workers.ts),
 * and the local runtime's timer at the same time of day (dev/workers.ts).
 */
export interface ScheduledJob {
  name: string;
  handler: string;
  uses: readonly Resource[];
  schedule: { hourUtc: number; minute: number };
  timeoutSeconds: number;
  memoryMB: number;
  summary: string;
}

export const scheduledJobs = [
  // notifications (core/notifications/)
  {
    name: "AccessEnding",
    handler: "notifications/expiring",
    uses: ["table:read", "queue:Notifications"],
    // Morning in Spain (09:00 or 10:00) and in the Americas' small hours: read with the day's first coffee.
    schedule: { hourUtc: 8, minute: 0 },
    // 100,000 enrollments take a fraction of this (bench:notify).
    timeoutSeconds: 300,
    memoryMB: 512,
    summary: "daily: enrollments and memberships ending in 7 days and in 1 day (gsi3): one access-ending notice each",
  },
] as const satisfies readonly ScheduledJob[];

export type ConsumerRow = { kind: "queue"; row: QueueConsumer } | { kind: "stream"; row: StreamConsumer };

/** Every consumer, queue and stream, in table order. */
export const allConsumers: readonly ConsumerRow[] = [
  ...queueConsumers.map((row): ConsumerRow => ({ kind: "queue", row })),
  ...(streamConsumers as readonly StreamConsumer[]).map((row): ConsumerRow => ({ kind: "stream", row })),
];
