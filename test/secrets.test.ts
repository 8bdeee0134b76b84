import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRETS_FALLBACK_VARIABLE } from "../core/bindings";

/**
 * How a deployed function gets its secrets (core/bindings.ts): SST leaves `__FETCH_FROM_SSM__` in the variable and the
 * module fetches the value from SSM Parameter Store while it loads. Here a local SSM endpoint speaks the real protocol
 * (AWS JSON 1.1, `AmazonSSM.GetParameters`) to the app's own SSM client, in a fresh Node process per case (the
 * module reads its secrets once, at import).
 */
const execFileAsync = promisify(execFile);

/** Parameters the endpoint holds, by name. */
let parameters: Record<string, string> = {};
let endpoint: string;
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const { Names = [] } = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { Names?: string[] };
    response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    response.end(
      JSON.stringify({
        Parameters: Names.filter((name) => name in parameters).map((name) => ({ Name: name, Type: "SecureString", Value: parameters[name], Version: 1 })),
        InvalidParameters: Names.filter((name) => !(name in parameters)),
      }),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const STAGE_PATH = "/sst/dulcevicio/prod/Secret/CURSOR_KEY/value";
const FALLBACK_PATH = "/sst/dulcevicio/.fallback/Secret/CURSOR_KEY/value";

/** Loads core/bindings.ts in a fresh process as a deployed function of stage `prod` would, and reads CURSOR_KEY. */
async function coldStart(extraEnv: Record<string, string> = {}): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const env = {
    PATH: process.env.PATH,
    SST_APP: "dulcevicio",
    SST_STAGE: "prod",
    SST_SSM_PREFIX: "/sst/dulcevicio/prod/",
    SST_Secret_value_CURSOR_KEY: "__FETCH_FROM_SSM__",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_SSM: endpoint,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    NODE_NO_WARNINGS: "1",
    ...extraEnv,
  };
  const script = `const { Config } = await import("./core/bindings.ts"); process.stdout.write(Config.CURSOR_KEY);`;
  try {
    const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env, cwd: process.cwd() });
    return { ok: true, value: stdout };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr) };
  }
}

describe("secrets at cold start", () => {
  it("reads the stage's own secret", async () => {
    parameters = { [STAGE_PATH]: "the-stage-key", [FALLBACK_PATH]: "the-shared-key" };
    expect(await coldStart()).toEqual({ ok: true, value: "the-stage-key" });
  });

  it("fails the cold start when the stage's secret was never set, even though the shared fallback has one", async () => {
    parameters = { [FALLBACK_PATH]: "the-shared-key" };
    const started = await coldStart();
    expect(started.ok).toBe(false);
    expect(!started.ok && started.error).toContain("Secrets not set for stage prod: CURSOR_KEY");
    expect(!started.ok && started.error).not.toContain("the-shared-key");
  });

  it("takes the shared fallback only where the stack allows it (disposable stages)", async () => {
    parameters = { [FALLBACK_PATH]: "the-shared-key" };
    expect(await coldStart({ [SECRETS_FALLBACK_VARIABLE]: "1" })).toEqual({ ok: true, value: "the-shared-key" });
  });
});
