/**
 * A client generated from the live document with openapi-typescript at its defaults, and used through openapi-fetch
 * (what the admin console is to be built on), type-checks under `tsc --strict`: every request body can be written
 * with only its required fields (a field with a `default` stays optional), and the types still refuse what the
 * document refuses. The client file is generated in part from the document, so a new request body is covered too.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../core/openapi/document";
import { useTestApi } from "./support/api";

const api = useTestApi();
type Json = Record<string, unknown>;

let document: OpenApiDocument;
let dir: string;

beforeAll(async () => {
  const response = await api.request<OpenApiDocument>("GET", "/api/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
  // Inside the project, so that `openapi-fetch` resolves from its node_modules as it would in the console.
  await mkdir("node_modules/.cache", { recursive: true });
  dir = await mkdtemp(path.resolve("node_modules/.cache/openapi-client-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Follows a `#/components/...` reference of the document. */
function resolve(node: Json): Json {
  if (typeof node.$ref !== "string") return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((at, part) => (at as Json)[part], document);
  return resolve(target as Json);
}

/**
 * The smallest value of a schema's type with only its required properties. Only the TypeScript type matters here
 * (patterns and formats are not types), so any string is a string.
 */
function minimal(schema: Json): unknown {
  const node = resolve(schema);
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  if (Array.isArray(node.anyOf)) return minimal((node.anyOf as Json[]).find((branch) => branch.type !== "null") ?? (node.anyOf as Json[])[0]!);
  switch (node.type) {
    case "object": {
      const properties = (node.properties ?? {}) as Record<string, Json>;
      const required = (node.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, minimal(properties[name]!)]));
    }
    case "array":
      return [];
    case "string":
      return "x";
    case "integer":
    case "number":
      return typeof node.minimum === "number" ? node.minimum : 0;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      throw new Error(`no minimal value for ${JSON.stringify(node)}`);
  }
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** One typed constant per JSON request body of the document, each holding only the required fields. */
function minimalBodies(): string[] {
  const lines: string[] = [];
  for (const [pathName, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as unknown as Record<string, Json | undefined>)[method];
      if (!operation?.requestBody) continue;
      const body = resolve(operation.requestBody as Json);
      const schema = (body.content as Record<string, { schema: Json }>)["application/json"]!.schema;
      const type = `paths[${JSON.stringify(pathName)}][${JSON.stringify(method)}]["requestBody"]["content"]["application/json"]`;
      lines.push(`export const ${operation.operationId as string}Body: ${type} = ${JSON.stringify(minimal(schema))};`);
    }
  }
  return lines;
}

const CLIENT = (bodies: string[]) => `import createClient from "openapi-fetch";
import type { components, paths } from "./api";

type RequestBody<N extends keyof components["requestBodies"]> = components["requestBodies"][N]["content"]["application/json"];

// Minimal valid requests, as a form would send them: only the required fields, the defaults left to the server.
export const course: RequestBody<"CreateCourseRequest"> = { title: "Macarons", description: "Paso a paso" };
export const user: RequestBody<"CreateUserRequest"> = { email: "ana@example.com", password: "una clave larga", full_name: "Ana" };
export const lesson: RequestBody<"CreateLessonRequest"> = { title: "Merengue" };
export const recipe: RequestBody<"CreateRecipeRequest"> = { title: "Ganache" };
export const completed: paths["/api/lessons/{id}/complete"]["put"]["requestBody"]["content"]["application/json"] = {};

// Every request body of the document, generated from it.
${bodies.join("\n")}

// The types keep the rules they can: each of these must be a type error.
// @ts-expect-error title and description are required
export const untitled: RequestBody<"CreateCourseRequest"> = { description: "d" };
// @ts-expect-error no such field
export const unknownField: RequestBody<"CreateLessonRequest"> = { title: "t", colour: "red" };
// @ts-expect-error the difficulty is one of three
export const tooHard: RequestBody<"CreateCourseRequest"> = { title: "t", description: "d", difficulty_level: "EXPERT" };

const client = createClient<paths>({ baseUrl: "http://localhost:3000" });

export async function session(token: string, courseId: string, lessonId: string): Promise<string> {
  const headers = { authorization: \`Bearer \${token}\` };
  const created = await client.POST("/api/courses", { headers, body: { title: "Macarons", description: "Paso a paso" } });
  await client.PUT("/api/lessons/{id}/complete", { headers, params: { path: { id: lessonId } }, body: {} });
  const page = await client.GET("/api/courses", { headers, params: { query: { limit: 10 } } });
  const next: string | null | undefined = page.data?.next_cursor;
  await client.PUT("/api/courses/{id}", { headers, params: { path: { id: courseId }, header: { "If-Match": '"v1"' } }, body: { order: 2 } });
  const read = await client.GET("/api/courses/{id}", { headers, params: { path: { id: courseId } } });
  if (read.error) return read.error.detail;
  // @ts-expect-error a course update needs its id
  await client.PUT("/api/courses/{id}", { headers, body: { order: 2 } });
  return \`\${created.data?.title ?? ""} \${read.data.title} \${next ?? ""}\`;
}
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2023", "DOM"],
    types: [],
    skipLibCheck: false,
  },
  files: ["api.d.ts", "client.ts"],
};

describe("a client generated with openapi-typescript at its defaults", () => {
  it("type-checks under tsc --strict with minimal requests, through openapi-fetch", async () => {
    await writeFile(path.join(dir, "api.d.ts"), astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0])));
    const bodies = minimalBodies();
    expect(bodies.length).toBeGreaterThan(20);
    await writeFile(path.join(dir, "client.ts"), CLIENT(bodies));
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));

    const tsc = path.resolve("node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")]).then(
      () => ({ ok: true, output: "" }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
    );
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  }, 60_000);
});
