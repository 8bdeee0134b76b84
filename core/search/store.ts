import type { EntityItem } from "electrodb";
import type { SearchIndexEntity } from "../db/entities/search-index";
import { db } from "../db/service";
import { logger } from "../logger";
import * as Storage from "../media/storage";
import { SearchEngine } from "./engine";

/**
 * Where the index lives: one S3 object per build under `search/` and one pointer item naming the current one
 * (core/db/entities/search-index.ts). Written by the consumer (core/search/refresh.ts), read by the search function.
 */

export type SearchIndexPointer = EntityItem<typeof SearchIndexEntity>;

/** The largest index a function reads (docs/search.md measures 20,000 recipes at a fraction of it). */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;

/** One GetItem. */
export async function pointer(consistent: boolean): Promise<SearchIndexPointer | undefined> {
  const { data } = await db().entities.searchIndex.get({ name: "catalog" }).go({ consistent });
  return data ?? undefined;
}

/**
 * The index the pointer names, in one GetObject; undefined when the object is gone (a newer build removed it). An
 * index written in an older format (before a deploy changed it) reads as an empty, `outdated` index: searches find
 * nothing until the consumer's next build, which then reads the whole catalogue (core/search/refresh.ts).
 */
export async function readIndex({ key, revision }: Pick<SearchIndexPointer, "key" | "revision">): Promise<SearchEngine | undefined> {
  const object = await Storage.read(key, MAX_INDEX_BYTES);
  if (!object) return undefined;
  if ("tooLarge" in object) throw new Error(`the search index ${key} has ${object.tooLarge} bytes, more than a function reads`);
  if (!SearchEngine.readable(object.bytes)) {
    logger.warn("the search index is of an older format: empty until the next build", { key, revision });
    return SearchEngine.empty(revision, true);
  }
  return SearchEngine.parse(object.bytes);
}

let warm: SearchEngine | undefined;

/**
 * The current index, loaded once per warm function: each call costs one GetItem of the pointer (eventually
 * consistent: a search may trail a build by a moment), and one GetObject only when the pointer moved since the last
 * load. No index yet (a new stage) is an empty one.
 */
export async function current(): Promise<SearchEngine> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const latest = await pointer(attempt > 0);
    if (!latest) return SearchEngine.empty();
    if (warm?.revision === latest.revision) return warm;
    const loaded = await readIndex(latest);
    if (loaded) {
      warm = loaded;
      return loaded;
    }
    // Removed under us: two builds landed since the pointer was read. The pointer, read again, names a newer one.
  }
  throw new Error("the search index named by its pointer is missing");
}
