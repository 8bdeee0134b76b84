import { Entity } from "electrodb";
import { SERVICE } from "../service-name";

/**
 * The pointer to the current search index (core/search/store.ts): one item. A build of revision R + 1 writes its own
 * object and then moves the pointer with a conditional write from R, so an older or concurrent build never replaces
 * a newer index; the search function compares `revision` with the one it holds (one GetItem per request).
 */
export const SearchIndexEntity = new Entity({
  model: { entity: "searchIndex", version: "1", service: SERVICE },
  attributes: {
    name: { type: ["catalog"] as const, required: true, readOnly: true, default: "catalog" },
    revision: { type: "number", required: true },
    /** The S3 key of the current index (core/media/keys.ts `searchIndexKey`). */
    key: { type: "string", required: true },
    /** The index before it: removed when the next one lands (a search still loading it has had a whole build's time). */
    previous_key: { type: "string" },
    documents: { type: "number", required: true },
    size_bytes: { type: "number", required: true },
    built_at: { type: "string", required: true },
  },
  indexes: {
    byName: {
      pk: { field: "pk", composite: [], template: "search_index" },
      sk: { field: "sk", composite: ["name"] },
    },
  },
});
