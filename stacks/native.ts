import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FunctionProps } from "sst/constructs";
import { useProject } from "sst/project.js";

/**
 * sharp's native binaries for the machine a function runs on, whatever machine builds it. The project's own
 * node_modules hold the binaries of the machine that ran `npm ci` (an Apple-silicon Mac gets darwin-arm64 ones, an
 * arm64 CI runner linux-arm64), so copying them from there breaks the deploy elsewhere. Instead the build installs
 * sharp's packages for the Lambda's platform into `.build/native/` with npm's own `--os/--cpu/--libc` flags (sharp's
 * documented cross-platform install), once per version and architecture, and the media functions copy them from
 * there. Needs the npm registry the first time (as `npm ci` does).
 */

export type LambdaCpu = "x64" | "arm64";

/** Where sst.config.ts is: SST resolves handlers and copied files from there. */
const projectRoot = (): string => useProject().paths.root;

/** The version the code was tested with: the one the lockfile installed. */
const sharpVersion = (): string => (JSON.parse(readFileSync(path.join(projectRoot(), "node_modules/sharp/package.json"), "utf8")) as { version: string }).version;

/** The packages a function needs beside its bundle for `import "sharp"` to load (sharp keeps itself external). */
function sharpPackages(cpu: LambdaCpu): string[] {
  return ["sharp", "@img/colour", `@img/sharp-linux-${cpu}`, `@img/sharp-libvips-linux-${cpu}`, "detect-libc", "semver"];
}

/**
 * Installs sharp for Lambda's Linux (glibc) on `cpu` under `root` (default `.build/native`) and returns the folder
 * whose `node_modules` holds it. A finished install is reused; a failed one leaves nothing behind.
 */
export function installSharpFor(cpu: LambdaCpu, root = path.join(projectRoot(), ".build", "native")): string {
  const version = sharpVersion();
  const folder = path.join(root, `sharp-${version}-linux-${cpu}-glibc`);
  if (existsSync(path.join(folder, "installed"))) return folder;
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(`${folder}.partial-`);
  try {
    writeFileSync(path.join(staging, "package.json"), JSON.stringify({ name: "lambda-native-packages", private: true }));
    execFileSync(
      "npm",
      ["install", `sharp@${version}`, "--os=linux", `--cpu=${cpu}`, "--libc=glibc", "--omit=dev", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
      { cwd: staging, stdio: ["ignore", "ignore", "pipe"] },
    );
    for (const name of sharpPackages(cpu)) {
      if (!existsSync(path.join(staging, "node_modules", name, "package.json"))) throw new Error(`npm did not install ${name} for linux-${cpu}`);
    }
    writeFileSync(path.join(staging, "installed"), `${version} linux-${cpu} glibc\n`);
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`Could not install sharp ${version} for linux-${cpu}: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message}`);
  }
  return folder;
}

/** `copyFiles` that put sharp for `cpu` into a function's package, where the bundle's `import "sharp"` finds it. */
export function sharpFiles(cpu: LambdaCpu): NonNullable<FunctionProps["copyFiles"]> {
  const folder = path.relative(projectRoot(), installSharpFor(cpu));
  return sharpPackages(cpu).map((name) => ({ from: path.join(folder, "node_modules", name), to: `node_modules/${name}` }));
}
