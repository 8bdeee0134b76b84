/**
 * `npm run synth -- --stage prod`: everything `npx sst deploy --stage prod` does before it talks to AWS, offline.
 *
 * It loads sst.config.ts as SST does, builds the stacks for that stage, bundles every function with the stack's
 * esbuild settings and writes the CloudFormation templates and function packages into `.sst/synth/<stage>/`
 * (git-ignored), then prints what would be deployed. What it cannot check: the account's CDK bootstrap, the
 * stage's secrets in SSM, service quotas, and that your credentials may deploy (docs/deploy.md).
 *
 * The stack test (test/stacks.test.ts) builds the stacks through the same function.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { App } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { addStacks } from "../stacks/index";

export interface SynthOptions {
  stage: string;
  /** Where the cloud assembly goes; SST's default is a temp folder. */
  outdir?: string;
  /** The stage's configuration (stacks/config.ts) as `sst deploy` would read it from the shell; the shell's own when not given. */
  config?: Partial<Record<"ALLOWED_ORIGINS" | "SPA_BASE_URL" | "ALARM_EMAIL" | "MAIL_FROM", string>>;
}

/** Builds the app's stacks for a stage and bundles their functions, without AWS credentials; `synth()` writes them. */
export async function buildStacks(options: SynthOptions): Promise<App> {
  process.env.SST_TELEMETRY_DISABLED = "1";
  // SST skips its bootstrap lookups (an AWS call) for its own tests only, which it recognises by NODE_ENV. This sets
  // it for the whole process, which is why the script does nothing else.
  process.env.NODE_ENV = "test";
  await initProject({ stage: options.stage });
  // After initProject, which loads the stage's .env files over process.env, as `sst deploy` does.
  Object.assign(process.env, options.config);
  const { config } = useProject();
  const app = new App({ mode: "deploy", stage: options.stage, name: config.name, region: config.region }, options.outdir ? { outdir: options.outdir } : {});
  addStacks(app);
  await app.finish();
  return app;
}

interface Template {
  Resources: Record<string, { Type: string }>;
  Outputs?: Record<string, unknown>;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stage: { type: "string" } } });
  if (!values.stage) {
    console.error("usage: npm run synth -- --stage <stage>   (a real stage needs ALLOWED_ORIGINS, SPA_BASE_URL, ALARM_EMAIL and MAIL_FROM: docs/deploy.md)");
    process.exit(1);
  }
  const outdir = path.resolve(".sst", "synth", values.stage);
  await rm(outdir, { recursive: true, force: true });
  const started = performance.now();
  const app = await buildStacks({ stage: values.stage, outdir });
  app.synth();
  const seconds = ((performance.now() - started) / 1000).toFixed(0);

  console.log(`\n${app.name} / ${app.stage} (${app.region}), synthesized offline in ${seconds} s into ${path.relative(process.cwd(), outdir)}/\n`);
  for (const file of (await readdir(outdir)).filter((name) => name.endsWith(".template.json")).sort()) {
    const template = JSON.parse(await readFile(path.join(outdir, file), "utf8")) as Template;
    const byType = new Map<string, number>();
    for (const resource of Object.values(template.Resources)) byType.set(resource.Type, (byType.get(resource.Type) ?? 0) + 1);
    const kinds = ["AWS::Lambda::Function", "AWS::ApiGatewayV2::Route", "AWS::SQS::Queue", "AWS::CloudWatch::Alarm", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::IAM::Policy"];
    const bytes = (await stat(path.join(outdir, file))).size;
    const summary = kinds.filter((kind) => byType.has(kind)).map((kind) => `${byType.get(kind)} ${kind.split("::").slice(1).join(" ")}`);
    // CloudFormation's limits per stack: 500 resources, a 1 MB template (stacks/ApiRoutes.ts).
    console.log(`  ${file.padEnd(44)} ${String(Object.keys(template.Resources).length).padStart(4)} resources, ${(bytes / 1000).toFixed(0).padStart(4)} kB: ${summary.join(", ")}`);
    // Cross-stack exports and SST's metadata are plumbing; the rest are what `sst deploy` prints at the end.
    const outputs = Object.keys(template.Outputs ?? {}).filter((name) => !name.startsWith("ExportsOutput") && name !== "SSTMetadata");
    if (outputs.length > 0) console.log(`  ${"".padEnd(40)} outputs: ${outputs.join(", ")}`);
  }
  const assets = (await readdir(outdir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && entry.name.startsWith("asset."));
  let bytes = 0;
  for (const asset of assets) bytes += await folderBytes(path.join(outdir, asset.name));
  console.log(`\n  ${assets.length} assets (function packages and custom resources), ${(bytes / 1e6).toFixed(0)} MB before zipping`);
  for (const name of ["ALLOWED_ORIGINS", "SPA_BASE_URL", "ALARM_EMAIL"]) console.log(`  ${name}: ${process.env[name] ?? "(unset: a disposable stage's default)"}`);
  console.log("\nNot checked offline: the CDK bootstrap of the account, the stage's secrets, quotas, your permissions (docs/deploy.md).");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
