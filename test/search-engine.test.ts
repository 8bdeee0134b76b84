import { describe, expect, it } from "vitest";
import type { IndexedDoc } from "../core/search/documents";
import { SearchEngine, similarTerms } from "../core/search/engine";
import { termOf, typosAllowed, words } from "../core/search/text";
import { seededRandom as random } from "./support/seeded-random";

/**
 * The search index itself (core/search/engine.ts), a pure unit: what it finds is checked against a brute-force
 * reading of the same documents, its typo walk against a plain edit distance, its binary form and its incremental
 * builds against a fresh one. The API around it is test/search.test.ts.
 */

const VOCABULARY = (
  "harina harinas azúcar mantequilla mantequila huevo huevos leche crema cremas chocolate vainilla canela limón limones " +
  "nueces nuez almendra pan panes masa madre tarta tartas bizcocho horno hornear batir mezclar miel piel mies crème brûlée " +
  "fresa fresas merengue caramelo ganache glaseado naranja manzana"
).split(" ");

function corpus(seed: number, courses: number): IndexedDoc[] {
  const next = random(seed);
  const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const sentence = (count: number) => Array.from({ length: count }, pick).join(" ");
  const docs: IndexedDoc[] = [];
  for (let course = 0; course < courses; course++) {
    const courseId = `C${course}`;
    const title = sentence(3);
    docs.push({ kind: "course", key: `course:${courseId}`, id: courseId, course_id: courseId, title, is_active: course % 4 !== 3, text: { title, description: sentence(10), tags: "postres pan" } });
    for (let lesson = 0; lesson < 3; lesson++) {
      const id = `L${course}-${lesson}`;
      const title = sentence(2);
      docs.push({ kind: "lesson", key: `lesson:${id}`, id, course_id: courseId, title, is_active: true, is_preview: lesson === 0, ...(lesson === 2 ? { available_after_days: 7 } : {}), text: { title, description: sentence(8) } });
    }
    for (let recipe = 0; recipe < 4; recipe++) {
      const id = `R${course}-${recipe}`;
      const title = sentence(2);
      docs.push({ kind: "recipe", key: `recipe:${id}`, id, course_id: courseId, title, is_active: recipe !== 3, pdf_page: recipe === 0 ? null : recipe + 1, text: { title, recipe_text: sentence(20 + Math.floor(next() * 20)) } });
    }
  }
  return docs;
}

const build = (docs: IndexedDoc[]) => SearchEngine.empty().withCourses(new Set(docs.map((doc) => doc.course_id)), docs);
const withoutText = ({ text: _text, ...doc }: IndexedDoc) => doc;

function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The documents holding every word of `query`, by brute force: each word by a term within its typos, in any field. */
function expectedKeys(docs: IndexedDoc[], query: string): string[] {
  const asked = words(query).flatMap((word) => {
    const term = termOf(word.text);
    return term === null ? [] : [{ term, typos: typosAllowed(word.text) }];
  });
  return docs
    .filter((doc) => {
      const terms = Object.values(doc.text).flatMap((text) => words(text).map((word) => termOf(word.text)).filter((term): term is string => term !== null));
      return asked.every(({ term, typos }) => terms.some((candidate) => levenshtein(candidate, term) <= typos));
    })
    .map((doc) => doc.key)
    .sort();
}

const QUERIES = ["harina", "Harinas", "creme brulee", "mantequilla huevos", "mantekilla", "limon", "nuez", "pan", "miel", "mial", "tarta de manzana", "chocolat", "xyz", "postres fresa", "bizcochos horno"];

describe("what the index finds", () => {
  const docs = corpus(7, 12);
  const engine = build(docs);

  it.each(QUERIES)("'%s': exactly the documents holding every word (typos by the word's length), best first", (query) => {
    const hits = [...engine.search(query)];
    expect(hits.map((hit) => hit.doc.key).sort()).toEqual(expectedKeys(docs, query));
    expect(engine.search(query).count).toBe(hits.length);
    for (let index = 1; index < hits.length; index++) expect(hits[index - 1]!.score).toBeGreaterThanOrEqual(hits[index]!.score);
    for (const hit of hits) {
      // What matched is named by index term and field, and each named field of the document does hold that term.
      expect(Object.keys(hit.match).length).toBeGreaterThan(0);
      const doc = docs.find((candidate) => candidate.key === hit.doc.key)!;
      for (const [term, fields] of Object.entries(hit.match)) {
        for (const field of fields) expect(words(doc.text[field] ?? "").map((word) => termOf(word.text))).toContain(term);
      }
    }
  });

  it("checks a few of those cases by hand, so the brute force is not the only judge", () => {
    const keys = (query: string) => [...engine.search(query)].map((hit) => hit.doc.key);
    expect(keys("mial")).toEqual([]); // 4 letters: no typo forgiven, and no document holds "mial"
    expect(keys("harina").length).toBeGreaterThan(0);
    expect(keys("harinas")).toEqual(keys("harina")); // plural folded
    expect(keys("creme brulee")).toEqual(keys("Crème Brûlée")); // accents and case folded
    // Two typos from 9 letters: every document with the word spelt right is found by "mantekilla".
    const spelt = docs.filter((doc) => Object.values(doc.text).some((text) => /\bmantequilla\b/.test(text))).map((doc) => doc.key);
    expect(spelt.length).toBeGreaterThan(0);
    expect(keys("mantekilla")).toEqual(expect.arrayContaining(spelt));
  });

  it("hands out the same documents as stored: titles, flags, course, PDF page and drip release", () => {
    for (const doc of docs) expect(engine.document(doc.key)).toEqual(withoutText(doc));
    expect(engine.course("C0")).toEqual(withoutText(docs[0]!));
    expect(engine.course("missing")).toBeUndefined();
    expect(engine.size).toBe(docs.length);
  });

  it("weighs a title above a body: the same word in a title ranks first", () => {
    const small = build([
      { kind: "course", key: "course:A", id: "A", course_id: "A", title: "Curso", is_active: true, text: { title: "Curso" } },
      { kind: "recipe", key: "recipe:body", id: "body", course_id: "A", title: "Otra", is_active: true, pdf_page: null, text: { title: "Otra", recipe_text: "canela y azúcar" } },
      { kind: "recipe", key: "recipe:title", id: "title", course_id: "A", title: "Canela", is_active: true, pdf_page: null, text: { title: "Canela", recipe_text: "azúcar" } },
    ]);
    expect([...small.search("canela")].map((hit) => hit.doc.id)).toEqual(["title", "body"]);
  });

  it("computes hits as they are taken: the first few of a long list are the best of the whole", () => {
    const all = [...engine.search("pan")];
    expect(all.length).toBeGreaterThan(5);
    const first: string[] = [];
    for (const hit of engine.search("pan")) {
      first.push(hit.doc.key);
      if (first.length === 3) break;
    }
    expect(first).toEqual(all.slice(0, 3).map((hit) => hit.doc.key));
  });
});

describe("the typo walk", () => {
  it("finds exactly the terms within the distance, as a plain edit distance does", () => {
    const next = random(3);
    const letters = "abcden";
    const vocabulary = [...new Set(Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(next() * 7) }, () => letters[Math.floor(next() * letters.length)]).join("")))].sort();
    for (const query of ["abc", "aabbe", "nnn", "ecdba", "a", "dddddddd"]) {
      for (const distance of [1, 2]) {
        const found = similarTerms(vocabulary, query, distance).map(({ index, distance: d }) => [vocabulary[index], d]);
        const expected = vocabulary.flatMap((term) => (levenshtein(term, query) <= distance ? [[term, levenshtein(term, query)]] : []));
        expect(found).toEqual(expected);
      }
    }
  });
});

describe("its binary form and its builds", () => {
  const docs = corpus(11, 8);
  const engine = build(docs);
  const results = (index: SearchEngine) => QUERIES.map((query) => [...index.search(query)].map((hit) => [hit.doc.key, hit.score.toFixed(9), hit.match]));

  it("reads back what it wrote, at any byte offset of the object (in place when aligned, copied when not)", () => {
    const bytes = engine.serialize(42);
    const parsed = SearchEngine.parse(bytes);
    expect(parsed.revision).toBe(42);
    expect(results(parsed)).toEqual(results(engine));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(results(SearchEngine.parse(shifted.subarray(1)))).toEqual(results(engine));
    expect(Buffer.compare(parsed.serialize(42), bytes)).toBe(0);
  });

  it("refuses an older format (the MiniSearch JSON) and an object cut short, with an error rather than wrong hits", () => {
    const old = Buffer.from(JSON.stringify({ format: 1, revision: 3, docs: [], index: {} }));
    expect(SearchEngine.readable(old)).toBe(false);
    expect(() => SearchEngine.parse(old)).toThrow(/format 2/);
    const bytes = engine.serialize(1);
    expect(SearchEngine.readable(bytes)).toBe(true);
    expect(() => SearchEngine.parse(bytes.subarray(0, bytes.length - 10))).toThrow(/cut short/);
  });

  it("replacing one course's documents gives what a build of everything gives, and twice the same as once", () => {
    const edited = corpus(99, 8).filter((doc) => doc.course_id === "C2").map((doc) => ({ ...doc, text: { ...doc.text, title: `${doc.title} merengue` }, title: `${doc.title} merengue` }));
    const everything = [...docs.filter((doc) => doc.course_id !== "C2"), ...edited];
    const incremental = engine.withCourses(["C2"], edited);
    expect(results(incremental)).toEqual(results(build(everything)));
    expect(Buffer.compare(incremental.withCourses(["C2"], edited).serialize(1), incremental.serialize(1))).toBe(0);
  });

  it("a course refreshed without documents (deleted) leaves the index, with everything in it", () => {
    const without = engine.withCourses(["C1"], []);
    expect(without.size).toBe(docs.filter((doc) => doc.course_id !== "C1").length);
    expect(without.course("C1")).toBeUndefined();
    for (const query of QUERIES) expect([...without.search(query)].some((hit) => hit.doc.course_id === "C1")).toBe(false);
  });

  it("refuses a document whose course is not in the index (it could never pass the access rule)", () => {
    const orphan: IndexedDoc = { kind: "recipe", key: "recipe:X", id: "X", course_id: "nowhere", title: "Huérfana", is_active: true, pdf_page: null, text: { title: "Huérfana" } };
    expect(() => engine.withCourses(["nowhere"], [orphan])).toThrow(/without the course/);
  });
});
