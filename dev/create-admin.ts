/**
 * `npm run create-admin -- --email you@example.com [--name "Your Name"]`
 *
 * Creates an admin through the same use case as `POST /api/users`. There is no public sign-up, so this is how
 * the first admin of a stage comes to be.
 *   - Local (default): writes to the table of a running `npm run dev` (DynamoDB Local on DYNAMODB_PORT).
 *   - AWS: add `--stage prod` (and `--region`, default AWS_REGION or us-east-1); uses your AWS credentials and the
 *     stage's table `<stage>-dulcevicio-Main` (override with `--table`).
 * The password comes from `--password` or, to keep it out of shell history, the ADMIN_PASSWORD variable.
 */
import { parseArgs } from "node:util";
import * as z from "zod";
import { APP_NAME, LOCAL_REGION, tableNameFor } from "./bindings";
import { DYNAMO_LOCAL_CREDENTIALS } from "./dynamodb";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string", default: "Admin" },
    password: { type: "string" },
    stage: { type: "string", default: "local" },
    region: { type: "string" },
    table: { type: "string" },
  },
});

async function main(): Promise<void> {
  const password = values.password ?? process.env.ADMIN_PASSWORD;
  if (!values.email || !password) {
    throw new Error('usage: npm run create-admin -- --email you@example.com [--name "Your Name"] [--stage prod] (password: --password or ADMIN_PASSWORD)');
  }
  const stage = values.stage!;
  const tableName = values.table ?? tableNameFor(stage);
  process.env.SST_APP = APP_NAME;
  process.env.SST_STAGE = stage;
  process.env.SST_Table_tableName_Main = tableName;
  if (stage === "local") {
    process.env.AWS_REGION = LOCAL_REGION;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
    process.env.AWS_ACCESS_KEY_ID = DYNAMO_LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = DYNAMO_LOCAL_CREDENTIALS.secretAccessKey;
  } else {
    process.env.AWS_REGION = values.region ?? process.env.AWS_REGION ?? "us-east-1";
  }

  // Imported only now: the app's modules read the bindings set above when they load.
  const { createAdmin } = await import("./admin");
  try {
    const admin = await createAdmin({ email: values.email, password, fullName: values.name! });
    console.log(`Created admin ${admin.email} (id ${admin.user_id}) in ${tableName}.`);
  } catch (error) {
    if (stage === "local" && error instanceof Error && /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`)) {
      throw new Error("DynamoDB Local is not running: start `npm run dev` first (or pass --stage for an AWS stage).");
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof z.ZodError ? `invalid input\n${z.prettifyError(error)}` : error instanceof Error ? error.message : String(error);
  console.error(`create-admin: ${message}`);
  process.exit(1);
});
