import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "esbuild";
import type { FunctionProps } from "sst/constructs";
import { PDF_FONT_FILE, PDF_FONT_SOURCE } from "../core/media/font";
import { OCR_LANGUAGES, TESSDATA_DIR, tessdataSource } from "../core/media/ocr";
import { DOCS_ASSETS, DOCS_ASSETS_PACKAGE } from "../core/openapi/docs";
import { routes, type Route } from "../core/routes";

/**
 * How the API functions are bundled and the runtime flags that read the bundle, in one place: stacks/Api.ts builds
 * the functions from here and `npm run bench:cold` (bench/cold.ts) bundles and measures exactly the same. (The
 * media functions' equivalents are stacks/Media.ts's MEDIA_BUNDLING and MEDIA_ENVIRONMENT.)
 */

/** What every function of the app runs with, API and background alike. */
export const FUNCTION_DEFAULTS = {
  runtime: "nodejs22.x",
  // CloudWatch keeps logs forever by default; a month covers debugging and keeps no personal data longer.
  logRetention: "one_month",
  // SST switches X-Ray on by default. Nothing here records a segment (no tracer, no instrumented client), so it would
  // bill traces that show only Lambda's own timing; Powertools Tracer would add aws-xray-sdk-core to every cold start.
  // Logs (with the request id) and the alarms' metrics carry what an incident needs.
  tracing: "disabled",
} as const satisfies Partial<FunctionProps>;

/** How every API function is bundled. A function that sets `nodejs` replaces this whole (SST does not merge it). */
export const API_BUNDLING = {
  format: "esm",
  // Code splitting: what a module imports on first use is a chunk loaded then, not parsed at every cold start: the
  // S3 client (core/media/storage.ts) where a function only sometimes calls S3, a text lesson's Markdown renderer and
  // sanitizer (core/lessons/lessons.ts). Without it each function that reached them carried them in its one file, and
  // 11 API functions went over the 1 MB budget (docs/cold-start.md, item 10).
  splitting: true,
  // Ship the .map in the function's package, beside the bundle: without it --enable-source-maps has nothing to
  // read (by default SST strips it and uploads it for its console).
  sourcemap: true,
  minify: true,
  // The AWS SDK is bundled, not taken from the runtime: the runtime's copy has no fixed version and lacks
  // packages we use (lib-dynamodb, the presigners), and AWS recommends shipping your own. Loaded from
  // node_modules instead, it also made init 1.6 to 1.9 times as slow (docs/cold-start.md).
  esbuild: {
    // Node reads and parses the whole map at init (--enable-source-maps), and stack traces need only its mappings:
    // the sources' text was 63% of it (5.1 of 8.1 MB for courses/get) and ~10 ms of every cold start.
    sourcesContent: false,
    plugins: [electrodbSkipsModelChecks()],
  },
} as const satisfies FunctionProps["nodejs"];

/** The environment every API function gets, besides ALLOWED_ORIGINS (read at deploy time) and its bindings. */
export const API_ENVIRONMENT = { NODE_OPTIONS: "--enable-source-maps", POWERTOOLS_SERVICE_NAME: "dulcevicio-api" };

/** The background functions that draw PDFs with the embedded font (core/media/font.ts): the recipe PDF, certificates. */
const PDF_FONT_HANDLERS: ReadonlySet<string> = new Set(["media/rebuild-pdfs", "certificates/issue"]);

/** The font beside the bundle, where core/media/font.ts reads it, for the functions that draw PDFs; none for others. */
export const pdfFontFiles = (handler: string): NonNullable<FunctionProps["copyFiles"]> =>
  PDF_FONT_HANDLERS.has(handler) ? [{ from: PDF_FONT_SOURCE, to: PDF_FONT_FILE }] : [];

/** The OCR consumer (issue 15): the function that runs Tesseract (core/media/ocr.ts). */
export const OCR_HANDLER = "media/recognize-text";
/**
 * tesseract.js runs its engine in a worker thread started from a file of its own package
 * (`tesseract.js/src/worker-script/node/index.js`), which `require`s tesseract.js-core's WebAssembly build: no bundler
 * can inline that, so the package stays external (stacks/Media.ts) and its files go beside the bundle, in the
 * function's own node_modules, where Node resolves them: tesseract.js' sources, its runtime dependencies, the three
 * builds of the core it may pick by the CPU's features (relaxed SIMD, SIMD, plain: 3.4 MB of WebAssembly each, plus a
 * 90 kB loader), and the Spanish and English data in `tessdata/`, where core/media/ocr.ts reads them (5.0 MB). About
 * 20 MB in all. Not the smaller "-lstm" builds: tesseract.js 7's Node loader (worker-script/node/getCore.js) compares
 * its `lstmOnly` flag with OEM numbers and always picks the full builds; the stack test caught it.
 */
export const OCR_PACKAGE_FILES = [
  "node_modules/tesseract.js/package.json",
  "node_modules/tesseract.js/src",
  "node_modules/tesseract.js-core/package.json",
  ...["tesseract-core-relaxedsimd", "tesseract-core-simd", "tesseract-core"].flatMap((core) => [`node_modules/tesseract.js-core/${core}.js`, `node_modules/tesseract.js-core/${core}.wasm`]),
  ...["wasm-feature-detect", "is-url", "bmp-js", "zlibjs", "regenerator-runtime"].map((name) => `node_modules/${name}`),
] as const;

/** The OCR function's copied files (see OCR_PACKAGE_FILES); none for other functions. */
export const ocrFiles = (handler: string): NonNullable<FunctionProps["copyFiles"]> =>
  handler === OCR_HANDLER
    ? [...OCR_PACKAGE_FILES.map((file) => ({ from: file, to: file })), ...OCR_LANGUAGES.map((language) => ({ from: tessdataSource(language), to: `${TESSDATA_DIR}/${language}.traineddata.gz` }))]
    : [];

/** What one route's function needs beyond the defaults; every function but the docs ones gets nothing here. */
export function routeBundling(route: Pick<Route, "handler">): Pick<FunctionProps, "nodejs" | "copyFiles"> {
  switch (route.handler) {
    case "docs/openapi":
      // Every handler module in chunks of its own, loaded when the document is first built: inside the handler's
      // file they made it the largest function (2.3 MB; 1.4 MB once the rest was trimmed), all parsed at every
      // cold start (docs/cold-start.md).
      return { nodejs: { ...API_BUNDLING, esbuild: { ...API_BUNDLING.esbuild, plugins: [...API_BUNDLING.esbuild.plugins, routeHandlerModules()] } } };
    case "docs/asset":
      // Swagger UI's two files (1.9 MB) beside the bundle, not inside it: where Node resolves them from the
      // function (core/openapi/docs.ts), in the function's own node_modules.
      return {
        copyFiles: Object.keys(DOCS_ASSETS).map((name) => {
          const file = `node_modules/${DOCS_ASSETS_PACKAGE}/${name}`;
          return { from: file, to: file };
        }),
      };
    default:
      return {};
  }
}

/**
 * The OpenAPI function reads the spec of every route's handler. Run from source it imports each handler module by
 * its computed path (functions/docs/handler-modules.ts), but SST's esbuild (0.18) leaves such an import() out of the
 * bundle. For that function, this plugin replaces the module with one static import() per row of the route table:
 * the package carries every handler module (loaded only when the document is first built), and no list of
 * handlers is kept anywhere by hand.
 */
export function routeHandlerModules(): Plugin {
  return {
    name: "route-handler-modules",
    setup(build) {
      build.onLoad({ filter: /[\\/]functions[\\/]docs[\\/]handler-modules\.ts$/ }, (args) => ({
        loader: "ts",
        resolveDir: path.dirname(args.path),
        contents: [
          "const modules: Record<string, () => Promise<unknown>> = {",
          ...routes.map((route) => `  ${JSON.stringify(route.handler)}: () => import(${JSON.stringify(`../${route.handler}`)}),`),
          "};",
          "export function loadHandlerModule(handler: string): Promise<unknown> {",
          "  const load = modules[handler];",
          '  if (!load) throw new Error(`${handler} is not a handler of the route table`);',
          "  return load();",
          "}",
        ].join("\n"),
      }));
    },
  };
}

/**
 * ElectroDB's Entity constructor checks the shape of its model with a JSON Schema validator: 13 entities
 * (core/db/entities) at every cold start, each checked against the beta model schema, which fails, and then against
 * the v1 one, ~30 ms of every init (docs/cold-start.md). The models are constants of our code, and every test and
 * `npm run dev` load them from source, unbundled, where ElectroDB still checks them: a model that is not valid never
 * gets past the tests. The bundles skip that one call, as a production build drops its assertions (the validator
 * itself stays: ElectroDB's Service also uses it to tell models from entities). The build fails if the constructor
 * no longer has the call this removes, rather than dropping the saving silently.
 */
export function electrodbSkipsModelChecks(): Plugin {
  return {
    name: "electrodb-skips-model-checks",
    setup(build) {
      build.onLoad({ filter: /[\\/]electrodb[\\/]src[\\/]entity\.js$/ }, async ({ path: file }) => {
        const source = await readFile(file, "utf8");
        const check = "    this._validateModel(model);\n";
        if (source.split(check).length !== 2) throw new Error(`${file}: the Entity constructor no longer checks its model with one this._validateModel(model) call`);
        return { contents: source.replace(check, "    // this._validateModel(model): skipped in bundles (stacks/bundling.ts)\n"), loader: "js" };
      });
    },
  };
}
