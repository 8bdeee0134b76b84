import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StackFunction } from "./functions";
import { bundleFunction, importOnce, type Bundle, type InitRun } from "./measure";

/**
 * What an API function's init is made of: stand-in handlers that load more and more of what the function loads,
 * each bundled the way the function is and timed with its environment. Each layer loads its module and every module
 * above it, so the difference between two layers is what the later module adds.
 */
const LAYERS = [
  { name: "an empty handler (node's module loader, SST's banner)", module: undefined },
  { name: "+ the DynamoDB client (core/db/client.ts: the AWS SDK's core)", module: "core/db/client" },
  { name: "+ the bindings (core/bindings.ts: the SSM client)", module: "core/bindings" },
  { name: "+ ElectroDB and the 13 entities (core/db/service.ts)", module: "core/db/service" },
  { name: "+ the handler factory (core/http/handler.ts: middy, Powertools, zod, auth)", module: "core/http/handler" },
] as const;

export interface LayerResult {
  name: string;
  bundle: Bundle;
  runs: InitRun[];
}

/** The layers under `fn` (an API function), then `fn` itself, bundled into `outDir`; `runs` timings each, interleaved. */
export async function measureLayers(fn: StackFunction, projectRoot: string, outDir: string, runs: number): Promise<LayerResult[]> {
  const layers: Array<{ name: string; fn: StackFunction; packageDir: string; bundle: Bundle }> = [];
  for (const [index, layer] of LAYERS.entries()) {
    // Stand-in handler modules, written beside the packages (never into the project): a handler export for the
    // timing script's check, and every module re-exported whole, so that the bundle keeps all of each.
    const entry = path.join(outDir, "entries", `layer-${index}.ts`);
    await mkdir(path.dirname(entry), { recursive: true });
    const modules = LAYERS.slice(0, index + 1).flatMap((above) => (above.module ? [above.module] : []));
    const reexports = modules.map((module, at) => `export * as layer${at} from ${JSON.stringify(path.join(projectRoot, module))};\n`);
    await writeFile(entry, `${reexports.join("")}export const handler = () => undefined;\n`);
    const layerFn = { ...fn, name: `layers/layer-${index}` };
    const packageDir = path.join(outDir, `layer-${index}`);
    await mkdir(packageDir, { recursive: true });
    layers.push({ name: layer.name, fn: layerFn, packageDir, bundle: await bundleFunction(layerFn, projectRoot, packageDir, entry) });
  }
  const packageDir = path.join(outDir, fn.name.replace("/", "-"));
  await mkdir(packageDir, { recursive: true });
  layers.push({ name: `= ${fn.name}`, fn, packageDir, bundle: await bundleFunction(fn, projectRoot, packageDir) });

  const results = layers.map((layer) => ({ name: layer.name, bundle: layer.bundle, runs: [] as InitRun[] }));
  for (let run = 0; run < runs; run++) {
    for (const [index, layer] of layers.entries()) results[index]!.runs.push(await importOnce(layer.fn, layer.bundle, layer.packageDir));
  }
  return results;
}
