/**
 * The console knows the API only through its OpenAPI document: its types (console/src/api-schema.d.ts) are generated
 * from the document by openapi-typescript, committed, and type-checked with the console (`npm run typecheck`). This
 * file fails when the committed types are not what the live document generates now (run `npm run console:types`),
 * and when the console reaches into the backend's code instead.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiTypesSource, committedApiTypes } from "../../dev/console";
import { useTestApi } from "../support/api";

const api = useTestApi();
const CONSOLE_SRC = fileURLToPath(new URL("../../console/src/", import.meta.url));
const SHARED_FILE_TYPES = fileURLToPath(new URL("../../core/media/file-types", import.meta.url));

describe("the console's generated API types", () => {
  it("are what GET /api/openapi.json generates now", async () => {
    const response = await api.request("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    const fresh = await apiTypesSource(response.body);
    // A line-by-line comparison names the first line that drifted.
    expect((await committedApiTypes()).split("\n")).toEqual(fresh.split("\n"));
  }, 60_000);

  it("are the only way the console knows the API: nothing under console/src imports from outside it but the shared file types", async () => {
    const files = (await readdir(CONSOLE_SRC, { recursive: true })).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const outside: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(CONSOLE_SRC, file), "utf8");
      for (const [, specifier] of source.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        if (!specifier!.startsWith(".")) continue;
        const target = path.resolve(CONSOLE_SRC, path.dirname(file), specifier!);
        // One shared file by design: the accepted file types, which the API's schemas and the console's pickers must
        // not disagree on (core/media/file-types.ts, import-free, bundled into the console).
        if (!target.startsWith(CONSOLE_SRC) && target !== SHARED_FILE_TYPES) outside.push(`${file}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
