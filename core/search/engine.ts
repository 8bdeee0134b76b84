import { ALL_INDEXED_FIELDS, type CourseDoc, type IndexedDoc, type SearchDoc } from "./documents";
import { termOf, typosAllowed, words } from "./text";

/**
 * The in-memory search index: an inverted index of flat typed arrays, written to S3 as one binary object
 * (core/search/store.ts) and loaded once per warm function (docs/search.md).
 *
 * - `terms`: the vocabulary (index terms, core/search/text.ts), sorted, so that a typo walk shares prefixes.
 * - `termStart`: term i's postings are `[termStart[i], termStart[i + 1])` of the two posting arrays.
 * - `postingKey`: `doc << 3 | field`, ascending within a term: a document's fields sit together, found by binary search.
 * - `postingCount`: how many times the term is in that field of that document (capped at 255; BM25 saturates long before).
 * - `fieldLength`: words per document and field (`doc * FIELDS.length + field`), for BM25's length normalization.
 *
 * The documents (titles and what the access filter reads) sit beside it, a column each; their longer text is not kept: a
 * page's snippets are cut from the text read again from DynamoDB. Loading is reading the arrays out of the object, no
 * tree or map is rebuilt (that was most of MiniSearch's 1 s load at 20,000 recipes); a query scores every posting of
 * its terms into one array and hands out hits best first from a heap, so a common word's 26,000 matches are scored but
 * never sorted (what made MiniSearch's p99).
 */

/** The index's fields, in a fixed order: a posting names its field by position (3 bits). */
const FIELDS = ALL_INDEXED_FIELDS;
const FIELD_BITS = 3;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
if (FIELDS.length > 1 << FIELD_BITS) throw new Error("the search index has more fields than its postings can name");

/** The title weighs most, then the tags (as MiniSearch's `boost` did). */
const BOOST: Record<string, number> = { title: 3, tags: 2 };
const FIELD_BOOST = Float64Array.from(FIELDS, (field) => BOOST[field] ?? 1);

/** BM25+ (Lv & Zhai), with MiniSearch's parameters: saturation k, length normalization b, the lower bound d. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** A term reached with typos counts less, the more typos for its length (MiniSearch's fuzzy weight). */
const FUZZY_WEIGHT = 0.45;

// `doc << 3` stays a positive 32-bit integer.
const MAX_DOCS = 2 ** (31 - FIELD_BITS);
const MAX_COUNT = 255;
const MAX_FIELD_LENGTH = 65_535;

/** The object's layout: magic, format, header length, the JSON header, then the arrays, each 4-byte aligned. */
const MAGIC = "DVSI";
const FORMAT = 2;

interface Header {
  revision: number;
  fields: readonly string[];
  terms: string[];
  postings: number;
  docs: DocColumns["json"];
}

const KIND_LETTER = { course: "c", lesson: "l", recipe: "r" } as const;
const KIND_OF_LETTER: Record<string, SearchDoc["kind"]> = { c: "course", l: "lesson", r: "recipe" };
const ACTIVE = 1;
const PREVIEW = 2;

/**
 * The documents, a column per attribute: parsing 31,000 small JSON objects took most of a load, a few arrays of
 * strings and numbers take a fraction of it. A document is made an object only when a query hands it out.
 */
class DocColumns {
  constructor(
    readonly json: {
      /** One letter per document: c(ourse), l(esson), r(ecipe). */
      kinds: string;
      ids: string[];
      titles: string[];
      /** Lessons' drip release, by document index (few lessons have one). */
      release: Record<number, { available_at?: string; available_after_days?: number }>;
    },
    /** The document index of each document's course. */
    readonly courseOf: Uint32Array,
    /** ACTIVE | PREVIEW bits. */
    readonly flags: Uint8Array,
    /** Recipes' page in their course's PDF; 0 when unknown. */
    readonly pdfPage: Uint16Array,
  ) {}

  static of(docs: readonly SearchDoc[]): DocColumns {
    const courseIndex = new Map<string, number>();
    const release: DocColumns["json"]["release"] = {};
    docs.forEach((doc, index) => {
      if (doc.kind === "course") courseIndex.set(doc.id, index);
      if (doc.kind === "lesson" && (doc.available_at !== undefined || doc.available_after_days !== undefined)) {
        release[index] = { ...(doc.available_at === undefined ? {} : { available_at: doc.available_at }), ...(doc.available_after_days === undefined ? {} : { available_after_days: doc.available_after_days }) };
      }
    });
    return new DocColumns(
      { kinds: docs.map((doc) => KIND_LETTER[doc.kind]).join(""), ids: docs.map((doc) => doc.id), titles: docs.map((doc) => doc.title), release },
      Uint32Array.from(docs, (doc) => {
        const course = courseIndex.get(doc.course_id);
        if (course === undefined) throw new Error(`the search index has a ${doc.kind} of course ${doc.course_id} without the course`);
        return course;
      }),
      Uint8Array.from(docs, (doc) => (doc.is_active ? ACTIVE : 0) | (doc.kind === "lesson" && doc.is_preview ? PREVIEW : 0)),
      Uint16Array.from(docs, (doc) => (doc.kind === "recipe" ? (doc.pdf_page ?? 0) : 0)),
    );
  }

  get length(): number {
    return this.json.ids.length;
  }

  at(index: number): SearchDoc {
    const kind = KIND_OF_LETTER[this.json.kinds[index]!]!;
    const id = this.json.ids[index]!;
    const base = { key: `${kind}:${id}`, id, course_id: this.json.ids[this.courseOf[index]!]!, title: this.json.titles[index]!, is_active: (this.flags[index]! & ACTIVE) !== 0 };
    switch (kind) {
      case "course":
        return { kind, ...base };
      case "lesson":
        return { kind, ...base, is_preview: (this.flags[index]! & PREVIEW) !== 0, ...this.json.release[index] };
      case "recipe":
        return { kind, ...base, pdf_page: this.pdfPage[index] || null };
    }
  }
}

export interface RawHit {
  doc: SearchDoc;
  score: number;
  /** Index terms that matched, by the fields they matched in. */
  match: Record<string, string[]>;
}

/** A query's hits: how many, and the hits best first, computed as they are taken (a page needs only its first few). */
export interface Hits {
  count: number;
  [Symbol.iterator](): Iterator<RawHit>;
}

export class SearchEngine {
  /** Document index by key, made on first use (a search needs only the courses'). */
  private byKey?: Map<string, number>;
  private readonly courseIndex = new Map<string, number>();
  /** BM25's length normalization per field, k b / (mean words of the field over the documents that have it). */
  private readonly lengthFactor: Float64Array;

  private constructor(
    private readonly docs: DocColumns,
    private readonly terms: string[],
    private readonly termStart: Uint32Array,
    private readonly postingKey: Uint32Array,
    private readonly postingCount: Uint8Array,
    private readonly fieldLength: Uint16Array,
    readonly revision: number,
    /** Empty because the stored index is of an older format: the next build reads the whole catalogue. */
    readonly outdated = false,
  ) {
    for (let index = 0; index < docs.length; index++) if (docs.json.kinds[index] === KIND_LETTER.course) this.courseIndex.set(docs.json.ids[index]!, index);
    const totals = new Float64Array(FIELDS.length);
    const counts = new Float64Array(FIELDS.length);
    for (let index = 0; index < fieldLength.length; index++) {
      const length = fieldLength[index]!;
      if (length === 0) continue;
      const field = index % FIELDS.length;
      totals[field] = totals[field]! + length;
      counts[field] = counts[field]! + 1;
    }
    this.lengthFactor = totals.map((total, field) => (BM25.k * BM25.b) / (counts[field] ? total / counts[field]! : 1));
  }

  static empty(revision = 0, outdated = false): SearchEngine {
    return new SearchEngine(DocColumns.of([]), [], Uint32Array.of(0), new Uint32Array(0), new Uint8Array(0), new Uint16Array(0), revision, outdated);
  }

  /** Whether `bytes` is an index this code reads (an older format is rebuilt, not read). */
  static readable(bytes: Uint8Array): boolean {
    return bytes.length >= 12 && Buffer.from(bytes.subarray(0, 4)).toString("latin1") === MAGIC && view(bytes).getUint32(4, true) === FORMAT;
  }

  static parse(bytes: Uint8Array): SearchEngine {
    if (!SearchEngine.readable(bytes)) throw new Error("not a search index of format 2");
    const headerLength = view(bytes).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
    if (header.fields.join() !== FIELDS.join()) throw new Error(`the search index's fields (${header.fields.join()}) are not this code's (${FIELDS.join()})`);
    let offset = align(12 + headerLength);
    // The arrays are read in place, as views of the object's bytes (copying 15 MB cost more than the rest of a load);
    // only an object whose bytes start off a 4-byte boundary is copied, for the typed arrays' alignment.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    const take = <T>(Type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
      const byteLength = Type.BYTES_PER_ELEMENT * length;
      if (offset + byteLength > aligned.length) throw new Error("the search index is cut short");
      const array = new Type(aligned.buffer, aligned.byteOffset + offset, length);
      offset = align(offset + byteLength);
      return array;
    };
    const docCount = header.docs.ids.length;
    const termStart = take(Uint32Array, header.terms.length + 1);
    const postingKey = take(Uint32Array, header.postings);
    const courseOf = take(Uint32Array, docCount);
    const fieldLength = take(Uint16Array, docCount * FIELDS.length);
    const pdfPage = take(Uint16Array, docCount);
    const flags = take(Uint8Array, docCount);
    const postingCount = take(Uint8Array, header.postings);
    const docs = new DocColumns(header.docs, courseOf, flags, pdfPage);
    return new SearchEngine(docs, header.terms, termStart, postingKey, postingCount, fieldLength, header.revision);
  }

  serialize(revision: number): Buffer {
    const header: Header = { revision, fields: FIELDS, terms: this.terms, postings: this.postingKey.length, docs: this.docs.json };
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
    const parts: Uint8Array[] = [Buffer.from(MAGIC, "latin1"), u32Bytes(FORMAT), u32Bytes(headerBytes.length), headerBytes];
    // In the order parse takes them.
    for (const array of [this.termStart, this.postingKey, this.docs.courseOf, this.fieldLength, this.docs.pdfPage, this.docs.flags, this.postingCount]) {
      const length = parts.reduce((sum, part) => sum + part.length, 0);
      parts.push(new Uint8Array(align(length) - length), new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
    return Buffer.concat(parts);
  }

  get size(): number {
    return this.docs.length;
  }

  document(key: string): SearchDoc | undefined {
    this.byKey ??= new Map(this.docs.json.ids.map((id, index) => [`${KIND_OF_LETTER[this.docs.json.kinds[index]!]}:${id}`, index]));
    const index = this.byKey.get(key);
    return index === undefined ? undefined : this.docs.at(index);
  }

  /** The course's document, for the access filter (whether it is active). */
  course(courseId: string): CourseDoc | undefined {
    const index = this.courseIndex.get(courseId);
    return index === undefined ? undefined : (this.docs.at(index) as CourseDoc);
  }

  /**
   * A new index with every document of the given courses replaced by `docs` (a course missing from `docs` leaves
   * the index): the same courses refreshed twice give the same index, whatever came in between. The documents kept
   * keep their postings; only the new ones are read for their words.
   */
  withCourses(courseIds: Iterable<string>, docs: IndexedDoc[]): SearchEngine {
    const refreshed = new Set(courseIds);
    // Old document index -> new, or -1 for a document of a refreshed course.
    const oldToNew = new Int32Array(this.docs.length).fill(-1);
    const nextDocs: SearchDoc[] = [];
    for (let index = 0; index < this.docs.length; index++) {
      const doc = this.docs.at(index);
      if (!refreshed.has(doc.course_id)) oldToNew[index] = nextDocs.push(doc) - 1;
    }
    if (nextDocs.length + docs.length > MAX_DOCS) throw new Error(`the search index holds at most ${MAX_DOCS} documents`);
    const builder = new PostingsBuilder(nextDocs.length + docs.length);
    for (let term = 0; term < this.terms.length; term++) {
      const id = builder.termId(this.terms[term]!);
      for (let posting = this.termStart[term]!; posting < this.termStart[term + 1]!; posting++) {
        const key = this.postingKey[posting]!;
        const doc = oldToNew[key >>> FIELD_BITS]!;
        if (doc >= 0) builder.add(id, doc, key & FIELD_MASK, this.postingCount[posting]!);
      }
    }
    oldToNew.forEach((doc, old) => {
      if (doc >= 0) builder.fieldLength.set(this.fieldLength.subarray(old * FIELDS.length, (old + 1) * FIELDS.length), doc * FIELDS.length);
    });
    for (const { text, ...doc } of docs) {
      const index = nextDocs.push(doc) - 1;
      FIELDS.forEach((field, fieldIndex) => {
        const counts = new Map<string, number>();
        let length = 0;
        for (const word of words(text[field] ?? "")) {
          const term = termOf(word.text);
          if (term === null) continue;
          length++;
          counts.set(term, (counts.get(term) ?? 0) + 1);
        }
        builder.fieldLength[index * FIELDS.length + fieldIndex] = Math.min(length, MAX_FIELD_LENGTH);
        for (const [term, count] of counts) builder.add(builder.termId(term), index, fieldIndex, count);
      });
    }
    const { terms, termStart, postingKey, postingCount } = builder.build();
    return new SearchEngine(DocColumns.of(nextDocs), terms, termStart, postingKey, postingCount, builder.fieldLength, this.revision);
  }

  /**
   * Every document holding all the query's words (each word by any of the terms it reaches, in any field), best first.
   * A word reaches its own term and, by `typosAllowed` as typed (none below 5 letters), the terms within 1 or 2 edits.
   */
  search(text: string): Hits {
    const reached = words(text).flatMap((word) => {
      const term = termOf(word.text);
      return term === null ? [] : [this.reach(term, typosAllowed(word.text))];
    });
    if (reached.length === 0 || reached.some((terms) => terms.length === 0)) return { count: 0, [Symbol.iterator]: () => [][Symbol.iterator]() };
    // The rarest word first: the documents still in the running only get fewer.
    const postingsOf = (terms: Reached[]) => terms.reduce((sum, { term }) => sum + this.termStart[term + 1]! - this.termStart[term]!, 0);
    reached.sort((a, b) => postingsOf(a) - postingsOf(b));

    const score = new Float64Array(this.docs.length);
    // The last query word a document was found for: it stays in the running only if found for every word in turn.
    const wordsFound = new Int32Array(this.docs.length).fill(-1);
    const fieldDocs = new Uint32Array(FIELDS.length);
    const weightOf = new Float64Array(FIELDS.length);
    const { k, b, d } = BM25;
    reached.forEach((terms, wordIndex) => {
      for (const { term, weight } of terms) {
        const from = this.termStart[term]!;
        const to = this.termStart[term + 1]!;
        // BM25's document frequency is per field: how many documents hold the term in that field.
        fieldDocs.fill(0);
        for (let posting = from; posting < to; posting++) {
          const field = this.postingKey[posting]! & FIELD_MASK;
          fieldDocs[field] = fieldDocs[field]! + 1;
        }
        for (let field = 0; field < FIELDS.length; field++) {
          const documents = fieldDocs[field]!;
          weightOf[field] = weight * FIELD_BOOST[field]! * Math.log(1 + (this.docs.length - documents + 0.5) / (documents + 0.5));
        }
        for (let posting = from; posting < to; posting++) {
          const key = this.postingKey[posting]!;
          const doc = key >>> FIELD_BITS;
          const found = wordsFound[doc]!;
          if (found < wordIndex - 1) continue; // missed an earlier word
          wordsFound[doc] = wordIndex;
          const field = key & FIELD_MASK;
          const count = this.postingCount[posting]!;
          const saturation = (count * (k + 1)) / (count + k * (1 - b) + this.lengthFactor[field]! * this.fieldLength[doc * FIELDS.length + field]!);
          score[doc] = score[doc]! + weightOf[field]! * (d + saturation);
        }
      }
    });
    const last = reached.length - 1;
    const candidates: number[] = [];
    for (let doc = 0; doc < this.docs.length; doc++) if (wordsFound[doc] === last) candidates.push(doc);
    const terms = [...new Set(reached.flat().map(({ term }) => term))];
    return {
      count: candidates.length,
      [Symbol.iterator]: () => this.best(candidates, score, terms),
    };
  }

  /** The candidates best first (ties by index order), taken one at a time from a heap: no sort of every match. */
  private *best(candidates: number[], score: Float64Array, terms: number[]): Generator<RawHit> {
    const heap = new MaxHeap(candidates, (a, b) => score[a]! - score[b]! || b - a);
    for (let doc = heap.pop(); doc !== undefined; doc = heap.pop()) {
      yield { doc: this.docs.at(doc), score: score[doc]!, match: this.matchOf(doc, terms) };
    }
  }

  /** Which of the query's terms the document holds, in which fields: binary search in each term's postings. */
  private matchOf(doc: number, terms: number[]): Record<string, string[]> {
    const match: Record<string, string[]> = {};
    for (const term of terms) {
      let low = this.termStart[term]!;
      let high = this.termStart[term + 1]!;
      const first = doc << FIELD_BITS;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (this.postingKey[middle]! < first) low = middle + 1;
        else high = middle;
      }
      const fields: string[] = [];
      for (let posting = low; posting < this.termStart[term + 1]! && this.postingKey[posting]! >>> FIELD_BITS === doc; posting++) {
        fields.push(FIELDS[this.postingKey[posting]! & FIELD_MASK]!);
      }
      if (fields.length > 0) match[this.terms[term]!] = fields;
    }
    return match;
  }

  /** The vocabulary's terms within `typos` edits of `term`, each with its weight: the term itself weighs 1. */
  private reach(term: string, typos: number): Reached[] {
    if (typos === 0) {
      const index = lowerBound(this.terms, term);
      return this.terms[index] === term ? [{ term: index, weight: 1 }] : [];
    }
    return similarTerms(this.terms, term, typos).map(({ index, distance }) => ({
      term: index,
      weight: distance === 0 ? 1 : (FUZZY_WEIGHT * term.length) / (term.length + distance),
    }));
  }
}

interface Reached {
  term: number;
  weight: number;
}

/**
 * Terms of the sorted `terms` within `maxDistance` edits (Levenshtein) of `query`. One row of the edit-distance table
 * per letter of a term, kept for the next term while they share a prefix (sorted terms share long ones); when a
 * prefix is already more than `maxDistance` away, every term that starts with it is skipped at once.
 */
export function similarTerms(terms: readonly string[], query: string, maxDistance: number): Array<{ index: number; distance: number }> {
  const width = query.length + 1;
  let rows = new Uint16Array(width * 32);
  for (let column = 0; column < width; column++) rows[column] = column;
  const found: Array<{ index: number; distance: number }> = [];
  let previous = "";
  let validRows = 0; // rows 0..validRows hold the prefixes of `previous`
  let index = 0;
  while (index < terms.length) {
    const term = terms[index]!;
    if ((term.length + 1) * width > rows.length) {
      const grown = new Uint16Array((term.length + 1) * width * 2);
      grown.set(rows);
      rows = grown;
    }
    let shared = 0;
    while (shared < validRows && shared < term.length && previous.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let skipTo = -1;
    for (let row = shared + 1; row <= term.length; row++) {
      const above = (row - 1) * width;
      const here = row * width;
      const letter = term.charCodeAt(row - 1);
      rows[here] = row;
      let smallest = row;
      for (let column = 1; column < width; column++) {
        const cost = query.charCodeAt(column - 1) === letter ? 0 : 1;
        const value = Math.min(rows[above + column]! + 1, rows[here + column - 1]! + 1, rows[above + column - 1]! + cost);
        rows[here + column] = value;
        if (value < smallest) smallest = value;
      }
      if (smallest > maxDistance) {
        // No term starting with this prefix can come within reach.
        validRows = row - 1;
        skipTo = lowerBound(terms, `${term.slice(0, row)}\uffff`, index + 1);
        break;
      }
    }
    previous = term;
    if (skipTo >= 0) {
      index = skipTo;
      continue;
    }
    validRows = term.length;
    const distance = rows[term.length * width + query.length]!;
    if (distance <= maxDistance) found.push({ index, distance });
    index++;
  }
  return found;
}

/** The first index of the sorted `values` (from `low`) whose value is not below `value`. */
function lowerBound(values: readonly string[], value: string, low = 0): number {
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Postings gathered in any order, then laid out by term (sorted) and, within a term, by document and field. */
class PostingsBuilder {
  readonly fieldLength: Uint16Array;
  private readonly termIds = new Map<string, number>();
  private readonly postingTerm: number[] = [];
  /** `(doc << 3 | field) * 256 + count`: one number that sorts by document and field. */
  private readonly packed: number[] = [];

  constructor(docs: number) {
    this.fieldLength = new Uint16Array(docs * FIELDS.length);
  }

  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
    }
    return id;
  }

  add(termId: number, doc: number, field: number, count: number): void {
    this.postingTerm.push(termId);
    this.packed.push(((doc << FIELD_BITS) | field) * (MAX_COUNT + 1) + Math.min(count, MAX_COUNT));
  }

  build(): { terms: string[]; termStart: Uint32Array; postingKey: Uint32Array; postingCount: Uint8Array } {
    const terms = [...this.termIds.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rankOf = new Uint32Array(terms.length);
    terms.forEach((term, rank) => (rankOf[this.termIds.get(term)!] = rank));
    const termStart = new Uint32Array(terms.length + 1);
    for (const id of this.postingTerm) termStart[rankOf[id]! + 1] = termStart[rankOf[id]! + 1]! + 1;
    for (let rank = 0; rank < terms.length; rank++) termStart[rank + 1] = termStart[rank + 1]! + termStart[rank]!;
    const placed = new Float64Array(this.packed.length);
    const next = termStart.slice(0, terms.length);
    this.postingTerm.forEach((id, posting) => (placed[next[rankOf[id]!]!++] = this.packed[posting]!));
    const postingKey = new Uint32Array(placed.length);
    const postingCount = new Uint8Array(placed.length);
    for (let rank = 0; rank < terms.length; rank++) {
      const range = placed.subarray(termStart[rank]!, termStart[rank + 1]!).sort();
      range.forEach((value, offset) => {
        postingKey[termStart[rank]! + offset] = Math.floor(value / (MAX_COUNT + 1));
        postingCount[termStart[rank]! + offset] = value % (MAX_COUNT + 1);
      });
    }
    return { terms, termStart, postingKey, postingCount };
  }
}

/** A binary max-heap of numbers under `compare` (positive: the first is better), built in linear time. */
class MaxHeap {
  constructor(
    private readonly items: number[],
    private readonly compare: (a: number, b: number) => number,
  ) {
    for (let index = (items.length >> 1) - 1; index >= 0; index--) this.down(index);
  }

  pop(): number | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      this.down(0);
    }
    return top;
  }

  private down(start: number): void {
    const { items, compare } = this;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let best = index;
      if (left < items.length && compare(items[left]!, items[best]!) > 0) best = left;
      if (right < items.length && compare(items[right]!, items[best]!) > 0) best = right;
      if (best === index) return;
      [items[index], items[best]] = [items[best]!, items[index]!];
      index = best;
    }
  }
}

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const align = (offset: number): number => (offset + 3) & ~3;
const u32Bytes = (value: number): Uint8Array => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
};

/** Whether a query has at least one searchable word (not only function words or punctuation). */
export const hasSearchableWord = (text: string): boolean => words(text).some((word) => termOf(word.text) !== null);
