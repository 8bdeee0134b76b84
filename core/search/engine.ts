import MiniSearch, { type Options, type Query, type SearchResult } from "minisearch";
import { ALL_INDEXED_FIELDS, type IndexedDoc, type SearchDoc } from "./documents";
import { termOf, typosAllowed, words } from "./text";

/**
 * The in-memory index (MiniSearch) and the documents it finds, serialized together as one JSON object in S3
 * (core/search/store.ts). MiniSearch keeps only the ids; the documents, with their titles and what the access filter
 * needs, sit beside it. Their longer text is not kept (it was most of the object, and of its load time): a page's
 * snippets are cut from the text read again from DynamoDB.
 */

const OPTIONS: Options<IndexedDoc> = {
  idField: "key",
  fields: [...ALL_INDEXED_FIELDS],
  storeFields: [],
  // No vacuuming in the background (it runs on timers and would race the next build's changes, or the serialization):
  // replaceCourses vacuums before it returns.
  autoVacuum: false,
  extractField: (doc, field) => (field === "key" ? doc.key : (doc.text[field] ?? "")),
  tokenize: (text) => words(text).map((word) => word.text),
  // null drops a function word, at indexing and at query time alike.
  processTerm: (term) => termOf(term),
  // The title weighs most, then the tags; every word of the query must be found (in any of the fields).
  searchOptions: { boost: { title: 3, tags: 2 }, combineWith: "AND" },
};

/** The serialized form: what core/search/store.ts writes and reads. */
interface Serialized {
  format: 1;
  revision: number;
  docs: SearchDoc[];
  index: ReturnType<MiniSearch<IndexedDoc>["toJSON"]>;
}

export interface RawHit {
  doc: SearchDoc;
  score: number;
  /** Index terms that matched, by the fields they matched in. */
  match: Record<string, string[]>;
}

export class SearchEngine {
  private constructor(
    private readonly index: MiniSearch<IndexedDoc>,
    private readonly docs: Map<string, SearchDoc>,
    readonly revision: number,
  ) {}

  static empty(): SearchEngine {
    return new SearchEngine(new MiniSearch(OPTIONS), new Map(), 0);
  }

  static parse(json: string): SearchEngine {
    const serialized = JSON.parse(json) as Serialized;
    if (serialized.format !== 1) throw new Error(`search index format ${String(serialized.format)} is not known`);
    const docs = new Map(serialized.docs.map((doc) => [doc.key, doc]));
    return new SearchEngine(MiniSearch.loadJS(serialized.index, OPTIONS), docs, serialized.revision);
  }

  get size(): number {
    return this.docs.size;
  }

  document(key: string): SearchDoc | undefined {
    return this.docs.get(key);
  }

  /** The course's document, for the access filter (whether it is active) and for recipes' PDF pages. */
  course(courseId: string): SearchDoc | undefined {
    return this.docs.get(`course:${courseId}`);
  }

  /**
   * Replaces every document of the given courses with `docs` (a course missing from `docs` leaves the index): the
   * same courses refreshed twice give the same index, whatever came in between.
   */
  async replaceCourses(courseIds: Iterable<string>, docs: IndexedDoc[]): Promise<void> {
    const refreshed = new Set(courseIds);
    for (const doc of [...this.docs.values()]) {
      if (!refreshed.has(doc.course_id)) continue;
      this.index.discard(doc.key);
      this.docs.delete(doc.key);
    }
    this.index.addAll(docs);
    for (const { text: _indexedOnly, ...doc } of docs) this.docs.set(doc.key, doc);
    // Discarded documents leave their terms behind until vacuumed; the serialized index must not carry them.
    if (this.index.dirtCount > 0) await this.index.vacuum({ batchWait: 0 });
  }

  serialize(revision: number): string {
    const serialized: Serialized = { format: 1, revision, docs: [...this.docs.values()], index: this.index.toJSON() };
    return JSON.stringify(serialized);
  }

  /**
   * Every document holding all the query's words, best first. Each word is its own sub-query so that typo tolerance
   * follows the word as typed (`typosAllowed`: none below 5 letters).
   */
  search(text: string): RawHit[] {
    const queries: Query[] = words(text)
      .filter((word) => termOf(word.text) !== null)
      .map((word) => ({ queries: [word.text], fuzzy: typosAllowed(word.text) || false }));
    if (queries.length === 0) return [];
    const results: SearchResult[] = this.index.search({ combineWith: "AND", queries });
    return results.flatMap((result) => {
      const doc = this.docs.get(String(result.id));
      return doc ? [{ doc, score: result.score, match: result.match }] : [];
    });
  }
}

/** Whether a query has at least one searchable word (not only function words or punctuation). */
export const hasSearchableWord = (text: string): boolean => words(text).some((word) => termOf(word.text) !== null);
