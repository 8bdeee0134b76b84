/**
 * The document the API serves passes two independent linters with nothing left over: Redocly CLI with its
 * `recommended-strict` rules (redocly.yaml) and Spectral with `spectral:oas` failing on warnings (.spectral.yaml).
 * Each rule switched off says why in its config file. Both run offline, on the document as served.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../core/openapi/document";
import { useTestApi } from "./support/api";

const api = useTestApi();
let document: OpenApiDocument;
let dir: string;

beforeAll(async () => {
  const response = await api.request<OpenApiDocument>("GET", "/api/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
  dir = await mkdtemp(path.join(tmpdir(), "dulcevicio-openapi-lint-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const run = promisify(execFile);
const bin = (name: string) => path.resolve("node_modules/.bin", name);
// No update check or usage report: the lint must run offline (redocly.yaml also says telemetry: off).
const OFFLINE = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

interface Finding {
  rule: string;
  where: string;
  message: string;
}

async function write(name: string, value: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(value, null, 1));
  return file;
}

/** Every problem Redocly reports, errors and warnings alike. */
async function redocly(file: string): Promise<Finding[]> {
  const { stdout } = await run(bin("redocly"), ["lint", "--config", "redocly.yaml", "--format", "json", file], { env: OFFLINE }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  const report = JSON.parse(stdout) as { problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
  return report.problems.map((problem) => ({ rule: problem.ruleId, where: problem.location[0]?.pointer ?? "", message: problem.message }));
}

/** Every result Spectral reports, at any severity. */
async function spectral(file: string): Promise<Finding[]> {
  const output = `${file}.spectral.json`;
  await run(bin("spectral"), ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--output", output, "--fail-severity", "hint", file], { env: OFFLINE }).catch(
    (error: { code?: number }) => {
      // 1 = results found (read them below); anything else is Spectral failing to run.
      if (error.code !== 1) throw error;
    },
  );
  const results = JSON.parse(await readFile(output, "utf8")) as { code: string; message: string; path: string[] }[];
  return results.map((result) => ({ rule: result.code, where: result.path.join("."), message: result.message }));
}

describe("the served document under two linters", () => {
  it("Redocly CLI (recommended-strict) finds nothing", async () => {
    expect(await redocly(await write("openapi.json", document))).toEqual([]);
  }, 60_000);

  it("Spectral (spectral:oas, failing on warnings) finds nothing", async () => {
    expect(await spectral(await write("openapi.json", document))).toEqual([]);
  }, 60_000);

  it("both still catch what they are there for: a document without servers, tag descriptions or a 4xx answer fails", async () => {
    const health = document.paths["/api/health"]!.get!;
    const broken = {
      ...document,
      servers: [],
      tags: document.tags.map(({ name }) => ({ name })),
      paths: { ...document.paths, "/api/health": { get: { ...health, responses: { 200: health.responses["200"] } } } },
    };
    const file = await write("broken.json", broken);
    const [fromRedocly, fromSpectral] = await Promise.all([redocly(file), spectral(file)]);
    expect(fromRedocly.map(({ rule }) => rule)).toEqual(expect.arrayContaining(["no-empty-servers", "tag-description", "operation-4xx-response"]));
    expect(fromSpectral.map(({ rule }) => rule)).toContain("oas3-api-servers");
  }, 60_000);
});
