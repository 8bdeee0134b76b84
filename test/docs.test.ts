/** The docs page (GET /api/docs) and its files, served by the API's own functions. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "../core/http/handler";
import { DOCS_PAGE_CSP } from "../core/openapi/docs";
import { useTestApi, type ApiResponse } from "./support/api";

const api = useTestApi();

const swaggerFile = (name: string) => readFile(createRequire(import.meta.url).resolve(`swagger-ui-dist/${name}`), "utf8");

function expectProblem(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

describe("GET /api/docs", () => {
  it("is an HTML page that mounts Swagger UI on the API's document, with its files from the API itself", async () => {
    const response = await api.request("GET", "/api/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = response.body as string;
    expect(html).toContain('<div id="swagger-ui"></div>');
    expect(html).toContain('<script src="docs/swagger-ui-bundle.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="docs/swagger-ui.css">');
    expect(html).toContain('url: "openapi.json"');
    expect(html).not.toMatch(/https?:\/\//); // no CDN, nothing from elsewhere
  });

  it("has a CSP that runs its own files and its one inline script, and nothing else", async () => {
    const response = await api.request("GET", "/api/docs");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toBe(DOCS_PAGE_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const inline = /<script>([\s\S]*?)<\/script>/.exec(response.body as string)![1]!;
    expect(csp).toContain(`script-src 'self' 'sha256-${createHash("sha256").update(inline).digest("base64")}'`);
    // The other security headers stay.
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("leaves every other route with the API's strict CSP", async () => {
    for (const path of ["/api/openapi.json", "/api/docs/swagger-ui.css", "/api/health"]) {
      const response = await api.request("GET", path);
      expect(response.headers.get("content-security-policy"), path).toBe(SECURITY_HEADERS["content-security-policy"]);
    }
  });
});

describe("GET /api/docs/{asset}", () => {
  it("serves Swagger UI's script as JavaScript, byte for byte, cacheable", async () => {
    const response = await api.request("GET", "/api/docs/swagger-ui-bundle.js", { headers: { "accept-encoding": "identity" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(response.body).toBe(await swaggerFile("swagger-ui-bundle.js"));
  });

  it("gzips it for a client that accepts gzip (1.7 MB -> under 0.5 MB on the wire)", async () => {
    const response = await api.request("GET", "/api/docs/swagger-ui-bundle.js", { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("vary")).toContain("accept-encoding");
    expect(Number(response.headers.get("content-length"))).toBeLessThan(500_000);
    expect(response.body).toBe(await swaggerFile("swagger-ui-bundle.js")); // fetch decodes it
  });

  it("serves the stylesheet as CSS", async () => {
    const response = await api.request("GET", "/api/docs/swagger-ui.css", { headers: { "accept-encoding": "identity" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.body).toBe(await swaggerFile("swagger-ui.css"));
  });

  it("answers 404 problem+json for any other name, path tricks included", async () => {
    for (const name of ["swagger-ui-standalone-preset.js", "index.html", "package.json", "..%2F..%2Fpackage.json", "%2E%2E", "constructor", "__proto__"]) {
      expectProblem(await api.request("GET", `/api/docs/${name}`), 404);
    }
  });
});
