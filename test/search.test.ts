import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../core/db/service";
import { searchIndexKey } from "../core/media/keys";
import * as Storage from "../core/media/storage";
import { refresh } from "../core/search/refresh";
import { useTestApi, type ApiResponse } from "./support/api";
import { workers } from "./support/runtime";
import { givenUser, signIn } from "./support/users";

/** Search (issue 15): the catalog index built by the stream consumer, read by GET /api/search through the access rule. */
const api = useTestApi();

let admin: string;
let student: string;
let studentId: string;
let open: string; // a course the student is enrolled in
let closed: string; // an active course the student cannot open
let hidden: string; // an inactive course
const ids: Record<string, string> = {};

const as = (token: string) => (method: string, path: string, body?: unknown) => api.request(method, path, { token, body });
interface Hit {
  kind: string;
  id: string;
  course_id: string;
  title: string;
  snippet: { field: string; text: string; highlights: Array<{ start: number; end: number }> };
  pdf_page: number | null;
  locked: boolean;
}
const find = async (token: string, q: string, extra = ""): Promise<ApiResponse<{ items: Hit[]; next_cursor: string | null }>> =>
  api.request("GET", `/api/search?q=${encodeURIComponent(q)}${extra}`, { token });
const idsOf = (response: ApiResponse<{ items: Hit[] }>) => response.body.items.map((hit) => hit.id);

async function created(response: Promise<ApiResponse>): Promise<string> {
  const done = await response;
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return done.body.id;
}

beforeAll(async () => {
  admin = (await signIn(api, await givenUser("ADMIN"))).access_token;
  const user = await givenUser("USER");
  studentId = user.id;
  student = (await signIn(api, user)).access_token;
  const asAdmin = as(admin);
  open = await created(asAdmin("POST", "/api/courses", { title: "Crème brûlée y postres franceses", description: "Clásicos de la pâtisserie", tags: ["francesa", "postres"] }));
  closed = await created(asAdmin("POST", "/api/courses", { title: "Panadería de masa madre", description: "Panes con harinas integrales", tags: ["pan"] }));
  hidden = await created(asAdmin("POST", "/api/courses", { title: "Turrones secretos", description: "Turrón de almendra", is_active: false }));
  ids.recipeOpen = await created(asAdmin("POST", `/api/courses/${open}/recipes`, { title: "Crema catalana", recipe_text: "Batir 4 huevos con 100 g de azúcar y ½ litro de leche. Añadir miel al final." }));
  ids.recipeClosed = await created(asAdmin("POST", `/api/courses/${closed}/recipes`, { title: "Hogaza rústica", recipe_text: "Mezclar la harina con agua y sal; amasar con mantequilla secreta." }));
  ids.recipeHidden = await created(asAdmin("POST", `/api/courses/${hidden}/recipes`, { title: "Turrón blando", recipe_text: "Almendras molidas con miel." }));
  ids.recipeInactive = await created(asAdmin("POST", `/api/courses/${open}/recipes`, { title: "Macarons de pistacho", is_active: false }));
  ids.previewClosed = await created(asAdmin("POST", `/api/courses/${closed}/lessons`, { title: "Introducción a la fermentación", is_preview: true }));
  ids.lessonClosed = await created(asAdmin("POST", `/api/courses/${closed}/lessons`, { title: "Fermentación en frío", description: "El levado lento" }));
  ids.lessonInactive = await created(asAdmin("POST", `/api/courses/${open}/lessons`, { title: "Fermentación oculta", is_active: false }));
  const enrolled = await asAdmin("POST", "/api/enrollments", { user_id: studentId, course_id: open });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  await workers().settle();
});

describe("Spanish-aware matching", () => {
  it("folds accents and case: 'creme brulee' finds 'Crème brûlée'", async () => {
    const response = await find(admin, "CREME brulee");
    expect(response.status).toBe(200);
    expect(idsOf(response)).toContain(open);
  });

  it("plurals and simple stems: 'huevo' finds 'huevos', 'harina' finds 'harinas'", async () => {
    expect(idsOf(await find(admin, "huevo"))).toContain(ids.recipeOpen);
    expect(idsOf(await find(admin, "harina"))).toContain(closed);
    expect(idsOf(await find(admin, "hogazas"))).toContain(ids.recipeClosed);
  });

  it("forgives a typo in a word of 5+ letters, never in a shorter one", async () => {
    expect(idsOf(await find(admin, "asucar"))).toContain(ids.recipeOpen); // azúcar, 6 letters, one typo
    expect(idsOf(await find(admin, "mantekilla"))).toContain(ids.recipeClosed);
    expect(idsOf(await find(admin, "miel"))).toContain(ids.recipeOpen);
    expect(idsOf(await find(admin, "mial"))).toEqual([]); // 4 letters: no fuzzy match
  });

  it("highlights the matched words as offsets into plain text, never as markup", async () => {
    const response = await find(admin, "huevos miel");
    const hit = response.body.items.find((item) => item.id === ids.recipeOpen)!;
    expect(hit.snippet.field).toBe("recipe_text");
    expect(hit.snippet.highlights.map(({ start, end }) => hit.snippet.text.slice(start, end))).toEqual(["huevos", "miel"]);
  });

  it("finds courses by tag", async () => {
    const response = await find(admin, "francesa");
    expect(response.body.items[0]).toMatchObject({ kind: "course", id: open, snippet: { field: "tags" } });
  });
});

describe("who sees what", () => {
  it("a student never gets a hit or a snippet from a course they cannot open, but sees its summary and preview lessons", async () => {
    const response = await find(student, "fermentación");
    expect(idsOf(response)).toEqual([ids.previewClosed]);
    const secret = await find(student, "mantequilla secreta");
    expect(secret.body.items).toEqual([]);
    expect(JSON.stringify((await find(student, "harinas")).body)).not.toContain("Hogaza");
    expect(idsOf(await find(student, "masa madre"))).toEqual([closed]);
  });

  it("inactive courses, lessons and recipes are invisible to students, not to admins", async () => {
    for (const q of ["turrón", "macarons", "fermentación oculta"]) expect(idsOf(await find(student, q)), q).toEqual([]);
    expect(idsOf(await find(admin, "turrón"))).toEqual(expect.arrayContaining([hidden, ids.recipeHidden]));
    expect(idsOf(await find(admin, "macarons"))).toEqual([ids.recipeInactive]);
  });

  it("a recipe hit of a course the student opens carries the page of the course PDF that holds it", async () => {
    await db().entities.course.patch({ course_id: open }).set({ pdf_recipe_pages: { [ids.recipeOpen!]: 3 } }).go();
    await workers().settle();
    const hit = (await find(student, "crema catalana")).body.items.find((item) => item.id === ids.recipeOpen);
    expect(hit).toMatchObject({ kind: "recipe", course_id: open, pdf_page: 3, locked: false });
  });
});

describe("the index follows the table", () => {
  it("an edited title is found by its new words, and no longer by the old ones", async () => {
    const response = await as(admin)("PUT", `/api/recipes/${ids.recipeClosed}`, { title: "Chapata crujiente" });
    expect(response.status).toBe(200);
    await workers().settle();
    expect(idsOf(await find(admin, "chapata"))).toEqual([ids.recipeClosed]);
    expect(idsOf(await find(admin, "hogaza"))).toEqual([]);
  });

  it("a deleted recipe disappears from search once the consumer settles", async () => {
    const recipe = await created(as(admin)("POST", `/api/courses/${open}/recipes`, { title: "Profiteroles efímeros" }));
    await workers().settle();
    expect(idsOf(await find(student, "profiteroles"))).toEqual([recipe]);
    expect((await as(admin)("DELETE", `/api/recipes/${recipe}`)).status).toBe(204);
    await workers().settle();
    expect(idsOf(await find(student, "profiteroles"))).toEqual([]);
  });

  it("moves the pointer one revision forward per build, naming the previous object", async () => {
    const before = (await db().entities.searchIndex.get({ name: "catalog" }).go()).data!;
    await db().entities.course.patch({ course_id: open }).set({ description: "Clásicos revisados" }).go();
    await workers().settle();
    const after = (await db().entities.searchIndex.get({ name: "catalog" }).go()).data!;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.previous_key).toBe(before.key);
  });

  it("of two builds from the same revision, one moves the pointer and the other is refused (and retried by its batch)", async () => {
    await workers().settle();
    const before = (await db().entities.searchIndex.get({ name: "catalog" }).go()).data!;
    const results = await Promise.allSettled([refresh([open]), refresh([open])]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(String((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason)).toMatch(/another build moved the search index/);
    expect((await db().entities.searchIndex.get({ name: "catalog" }).go()).data!.revision).toBe(before.revision + 1);
    expect(idsOf(await find(student, "crema catalana"))).toContain(ids.recipeOpen);
  });
});

describe("an index of an older format (before a deploy changed it)", () => {
  it("is not read: searches find nothing (never a 5xx) until the next build, which reads the whole catalogue again", async () => {
    await workers().settle();
    const before = (await db().entities.searchIndex.get({ name: "catalog" }).go()).data!;
    // What the MiniSearch version (format 1) wrote: JSON.
    const key = searchIndexKey(before.revision + 1, "FORMAT1");
    await Storage.write(key, Buffer.from(JSON.stringify({ format: 1, revision: before.revision + 1, docs: [], index: {} })), "application/json");
    await db().entities.searchIndex.patch({ name: "catalog" }).set({ revision: before.revision + 1, key, previous_key: before.key }).go();

    const meanwhile = await find(student, "crema catalana");
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.body.items).toEqual([]);

    // The consumer invoked with an empty batch (docs/deploy.md's step after such a deploy), as a change to any course
    // would: the build starts from nothing, so it reads every course. On a current index the same call does nothing.
    const built = await refresh([]);
    expect(built?.revision).toBe(before.revision + 2);
    expect(built?.documents).toBe(before.documents);
    expect(idsOf(await find(student, "crema catalana"))).toContain(ids.recipeOpen);
    expect(await refresh([])).toBeUndefined();
  });
});

describe("pages and round trips", () => {
  it("pages through the hits with a signed cursor bound to the query and the caller", async () => {
    const asAdmin = as(admin);
    for (let index = 0; index < 5; index++) await created(asAdmin("POST", `/api/courses/${open}/recipes`, { title: `Bizcocho número ${index}` }));
    await workers().settle();
    const first = await find(admin, "bizcochos", "&limit=2");
    expect(first.body.items).toHaveLength(2);
    const second = await find(admin, "bizcocho", `&limit=2&cursor=${first.body.next_cursor}`);
    const third = await find(admin, "bizcocho", `&limit=2&cursor=${second.body.next_cursor}`);
    expect(third.body.next_cursor).toBeNull();
    const all = [...idsOf(first), ...idsOf(second), ...idsOf(third)];
    expect(new Set(all).size).toBe(5);
    expect((await find(admin, "chapata", `&cursor=${first.body.next_cursor}`)).status).toBe(400);
    expect((await find(student, "bizcocho", `&cursor=${first.body.next_cursor}`)).status).toBe(400);
  });

  it("costs one GetItem of the pointer and one BatchGetItem of the page's text, plus the caller lookup and, for a student, the grants' Query", async () => {
    await find(student, "crema"); // warm: the index is loaded
    const forStudent = await find(student, "crema");
    expect(forStudent.body.items.length).toBeGreaterThan(0);
    expect(forStudent.dynamoRequests).toBe(4);
    const forAdmin = await find(admin, "crema");
    expect(forAdmin.dynamoRequests).toBe(3);
    const nothing = await find(student, "zanahoria"); // an empty page reads no text
    expect(nothing.body.items).toEqual([]);
    expect(nothing.dynamoRequests).toBe(3);
  });

  it("cuts the snippet from the text in the table, which the index does not keep", async () => {
    const response = await find(student, "miel");
    const hit = response.body.items.find((item) => item.id === ids.recipeOpen)!;
    expect(hit.snippet).toMatchObject({ field: "recipe_text", text: "Batir 4 huevos con 100 g de azúcar y ½ litro de leche. Añadir miel al final." });
  });

  it("refuses a bad q, limit or cursor with a problem+json that says what to fix", async () => {
    for (const query of ["", "?q=", "?q=%20%20", "?q=%E2%8C%95%21", `?q=${"a".repeat(201)}`, "?q=pan&limit=0", "?q=pan&limit=101", "?q=pan&cursor=nope", "?q=pan&extra=1"]) {
      const response = await api.request("GET", `/api/search${query}`, { token: student });
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body.detail, query).toBeTruthy();
    }
    expect((await api.request("GET", "/api/search?q=pan")).status).toBe(401);
    expect((await find(student, "de la con")).body).toEqual({ items: [], next_cursor: null }); // function words only
  });
});

describe("course tags", () => {
  it("are lowercase words, at most 10, listed and filterable", async () => {
    const asAdmin = as(admin);
    for (const tags of [["Chocolate"], ["dos palabras"], Array.from({ length: 11 }, (_, index) => `t${index}`), ["pan", "pan"]]) {
      const response = await asAdmin("POST", "/api/courses", { title: "T", description: "d", tags });
      expect(response.status, JSON.stringify(tags)).toBe(400);
      expect(response.body.errors[0].path).toMatch(/^body\.tags/);
    }
    const tagged = await created(asAdmin("POST", "/api/courses", { title: "Bombones", description: "d", tags: ["chocolate", "sin-gluten"] }));
    expect((await asAdmin("GET", `/api/courses/${tagged}`)).body.tags).toEqual(["chocolate", "sin-gluten"]);
    const listed = await asAdmin("GET", "/api/courses?tag=chocolate&limit=100");
    expect(listed.body.items.map((course: { id: string }) => course.id)).toEqual([tagged]);
    expect((await asAdmin("PUT", `/api/courses/${tagged}`, { tags: ["bombones"] })).body.tags).toEqual(["bombones"]);
    expect((await asAdmin("GET", "/api/courses?tag=chocolate&limit=100")).body.items).toEqual([]);
    expect((await as(student)("GET", "/api/courses?tag=postres")).body.items.map((course: { id: string }) => course.id)).toEqual([open]);
    expect((await asAdmin("GET", "/api/courses?tag=Not%20A%20Tag")).status).toBe(400);
  });
});
