import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import * as z from "zod";
import type { Reply } from "../http/handler";
import { notFound } from "../http/problem";

/**
 * The docs page: Swagger UI (swagger-ui-dist, no CDN) rendering `GET /api/openapi.json`. The page and its two files
 * come from the API's own functions, so the page's CSP can allow exactly 'self' and the one inline script.
 */

/** The only files served, with their media types. */
export const DOCS_ASSETS = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
} as const;
export type DocsAsset = keyof typeof DOCS_ASSETS;

/** The npm package they come from. On Lambda, stacks/Api.ts copies them to the function's own `node_modules/` of that name. */
export const DOCS_ASSETS_PACKAGE = "swagger-ui-dist";

// A name, not an enum: like an unknown id, a file that does not exist is a 404 (with the names that do).
export const DocsAssetParams = z.strictObject({
  asset: z
    .string()
    // A path segment is never empty (`/api/docs/` is another route): the document says so, and the fuzz believes it.
    .min(1, { error: "is empty" })
    .max(100, { error: "is too long" })
    .meta({ description: `A file of the docs page: ${Object.keys(DOCS_ASSETS).join(" or ")}.` }),
});

/** `Accept-Encoding: gzip` (or `*`) gets the file gzip-encoded. */
export const DocsAssetHeaders = z.object({
  "accept-encoding": z.string().max(1024, { error: "is too long" }).optional().meta({ description: "`gzip` (or `*`) gets the file gzip-encoded, as `Content-Encoding` then says." }),
});

/** Answers that are not JSON carry their media type in the JSON Schema keyword `contentMediaType`; the document files them under it. */
export const DocsPageResponse = z.string().meta({ contentMediaType: "text/html", description: "The interactive API reference (Swagger UI)." });
export const DocsAssetResponse = z.string().meta({
  contentMediaType: "text/*",
  description: "The file: text/javascript for the script, text/css for the stylesheet; gzip-encoded when the client accepts it.",
});

// Paths are relative to the page (`/api/docs`), so they hold behind any base path: `docs/…` is `/api/docs/…`.
// No validator badge: it would load an image from validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null, presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout" });`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DulceVicio API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;

/**
 * The API's default CSP (`default-src 'none'`) would stop the page; this one allows its own files, the one inline
 * script by hash, the data: images of Swagger UI's stylesheet, and requests to this API ("Try it out").
 */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${createHash("sha256").update(INIT_SCRIPT).digest("base64")}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function page(): Reply<string> {
  return { status: 200, content: { type: "text/html; charset=utf-8", data: PAGE }, headers: { "content-security-policy": DOCS_PAGE_CSP } };
}

interface AssetFile {
  raw: Buffer;
  gzipped?: Buffer;
}

/** Read once per container: the files cannot change under a running function. */
const files = new Map<DocsAsset, Promise<AssetFile>>();

/** One of DOCS_ASSETS, gzipped when the client accepts it (the script is 1.7 MB, 0.46 MB gzipped); else a 404. */
export async function asset(name: string, acceptEncoding: string | undefined): Promise<Reply<string>> {
  if (!isDocsAsset(name)) throw notFound(`There is no docs file ${name}; there are ${Object.keys(DOCS_ASSETS).join(", ")}.`);
  const file = await load(name);
  const gzip = acceptsGzip(acceptEncoding);
  return {
    status: 200,
    content: { type: DOCS_ASSETS[name], data: gzip ? (file.gzipped ??= gzipSync(file.raw)) : file.raw },
    headers: {
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      vary: "accept-encoding",
      // The files change only with the swagger-ui-dist version, that is with a deployment.
      "cache-control": "public, max-age=86400",
    },
  };
}

function isDocsAsset(name: string): name is DocsAsset {
  return Object.hasOwn(DOCS_ASSETS, name);
}

function load(name: DocsAsset): Promise<AssetFile> {
  let file = files.get(name);
  if (!file) {
    // Resolved like an import: the project's node_modules from source, the function's own copy on Lambda.
    file = readFile(createRequire(import.meta.url).resolve(`${DOCS_ASSETS_PACKAGE}/${name}`)).then((raw) => ({ raw }));
    files.set(name, file);
    file.catch(() => files.delete(name)); // a failed read is retried by the next request rather than remembered
  }
  return file;
}

/** `gzip` (or `*`) listed without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((entry) => {
    const [coding, ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    return (coding === "gzip" || coding === "*") && !params.some((param) => /^q=0(\.0*)?$/.test(param));
  });
}
