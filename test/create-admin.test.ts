import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTestApi } from "./support/api";

const api = useTestApi();
const run = promisify(execFile);

/** Runs `npm run create-admin` as a person would, against this test file's table on DynamoDB Local. */
function createAdmin(args: string[], env: Record<string, string> = {}) {
  const port = new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB!).port;
  return run("npx", ["tsx", "dev/create-admin.ts", ...args, "--table", process.env.SST_Table_tableName_Main!], {
    env: { ...process.env, DYNAMODB_PORT: port, ...env },
  });
}

describe("npm run create-admin", () => {
  it("creates an admin who signs in and can create users", async () => {
    const email = `first-admin-${Date.now()}@example.com`;
    const { stdout } = await createAdmin(["--email", email, "--name", "Primera Admin"], { ADMIN_PASSWORD: "a strong first password" });
    expect(stdout).toMatch(new RegExp(`Created admin ${email}`));

    const login = await api.request("POST", "/api/auth/login", { body: { email, password: "a strong first password" } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: "ADMIN", full_name: "Primera Admin" });
  });

  it("refuses a short password and an email that is taken, saying why", async () => {
    const short = createAdmin(["--email", "someone@example.com", "--password", "short"]);
    await expect(short).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 8 characters[\s\S]*password/) });

    const email = `taken-${Date.now()}@example.com`;
    await createAdmin(["--email", email, "--password", "long enough 1"]);
    await expect(createAdmin(["--email", email, "--password", "long enough 1"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/already exists/),
    });
  });
});
