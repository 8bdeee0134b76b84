import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { clock } from "../clock";
import { mapLimited } from "../concurrency";
import * as Courses from "../courses/courses";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { newId } from "../ids";
import { searchIndexKey } from "../media/keys";
import * as Storage from "../media/storage";
import { logger } from "../logger";
import { documentsOf, FILTER_FIELDS, INDEXED_FIELDS, type IndexedDoc, type SearchKind } from "./documents";
import { SearchEngine } from "./engine";
import * as Store from "./store";

/**
 * The index follows the table (docs/search.md): a batch of stream records names the courses whose course, lessons or
 * recipes changed in a way search sees; each of those courses is read again from DynamoDB (one Query of its
 * partition, the source of truth) and its documents replace the ones in the index. The new index is written as its
 * own object, then the pointer moves from the revision it was built on to the next one, conditionally: a build that
 * lost a race fails (and its batch is retried on the newer index), so an older index never replaces a newer one.
 * Refreshing a course twice gives the same index: a duplicated or retried batch changes nothing more.
 */

type Image = Record<string, unknown>;
const imageOf = (image: Record<string, unknown> | undefined): Image | undefined =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

const isSearchKind = (entity: unknown): entity is SearchKind => typeof entity === "string" && Object.hasOwn(INDEXED_FIELDS, entity);

/** Whether a change touches what search indexes or filters on (a course's counters changing does not). */
function concernsSearch(kind: SearchKind, before: Image | undefined, after: Image | undefined): boolean {
  if (!before || !after) return true;
  return [...INDEXED_FIELDS[kind], ...FILTER_FIELDS[kind]].some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** The courses a batch of stream records asks to refresh, once each. */
export function coursesToRefresh(records: readonly DynamoDBRecord[]): string[] {
  const courses = new Set<string>();
  for (const record of records) {
    const before = imageOf(record.dynamodb?.OldImage);
    const after = imageOf(record.dynamodb?.NewImage);
    const image = after ?? before;
    const kind = image?.__edb_e__;
    if (!isSearchKind(kind) || typeof image?.course_id !== "string") continue;
    if (concernsSearch(kind, before, after)) courses.add(image.course_id);
  }
  return [...courses];
}

/** A course's documents as the table holds them now; none for a course that is gone or being deleted. */
async function documentsOfCourse(courseId: string): Promise<IndexedDoc[]> {
  const page = await Courses.loadPage(courseId);
  return page ? documentsOf(page.course, page.lessons, page.recipes) : [];
}

/** Every course id, for the first build of a stage: the catalogue Query of gsi1, every page (off the request path). */
async function allCourseIds(): Promise<string[]> {
  const { data } = await db().entities.course.query.all({}).go({ pages: "all", attributes: ["course_id"] });
  return data.map((course) => course.course_id);
}

/** Partitions read at once: DynamoDB serves them in parallel; more only queues in the SDK's sockets. */
const PARALLEL_READS = 8;

export async function refresh(courseIds: readonly string[]): Promise<{ revision: number; documents: number } | undefined> {
  const pointer = await Store.pointer(true);
  const base = pointer ? await Store.readIndex(pointer) : SearchEngine.empty();
  if (!base) throw new Error(`the search index ${pointer!.key} named by the pointer is missing`);
  // The first build reads the whole catalogue: the index must hold courses that have not changed since, too. So does
  // the first build after a deploy changed the index's format (the old one is not read).
  const targets = pointer && !base.outdated ? courseIds : await allCourseIds();
  if (targets.length === 0) return undefined;
  const docs = (await mapLimited(targets, PARALLEL_READS, documentsOfCourse)).flat();
  const index = base.withCourses(targets, docs);

  const revision = (pointer?.revision ?? 0) + 1;
  const key = searchIndexKey(revision, newId());
  const body = index.serialize(revision);
  await Storage.write(key, body, "application/octet-stream");
  const fields = { revision, key, documents: index.size, size_bytes: body.length, built_at: clock.now().toISOString() };
  try {
    if (pointer) {
      await db()
        .entities.searchIndex.patch({ name: "catalog" })
        .set({ ...fields, previous_key: pointer.key })
        .where((attr, op) => op.eq(attr.revision, pointer.revision))
        .go();
    } else {
      await db().entities.searchIndex.create({ name: "catalog", ...fields }).go();
    }
  } catch (error) {
    await Storage.remove(key);
    if (isConditionalCheckFailure(error)) throw new Error(`another build moved the search index past revision ${pointer?.revision ?? 0}; this batch is retried on it`);
    throw error;
  }
  // The index two builds back: a search that read the previous pointer loads the previous object, never this one.
  if (pointer?.previous_key) await Storage.remove(pointer.previous_key);
  logger.info("search index built", { revision, documents: index.size, bytes: body.length, courses: targets.length });
  return { revision, documents: index.size };
}
