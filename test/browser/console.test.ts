/**
 * The admin console in a real browser (Debian's Chromium, driven by playwright-core) against the tests' local runtime:
 * DynamoDB Local, this file's s3rver with its event bridge, the media consumers, and the local gateway serving both
 * the API and the console at /admin. Photos travel browser -> s3rver as a cross-origin presigned POST, so the
 * bucket's CORS rule is exercised as on AWS.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import { chromium, type Browser, type Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketCorsRule } from "../../core/http/cors";
import { startApi } from "../../dev/api";
import { LOCAL_REGION } from "../../dev/bindings";
import { createAdmin } from "../../dev/admin";
import { buildConsole } from "../../dev/console";
import { DYNAMO_LOCAL_CREDENTIALS } from "../../dev/dynamodb";
import type { LocalGateway } from "../../dev/gateway";
import { s3ClientConfig } from "../../dev/s3";
import { ensureTable } from "../../dev/table";
import { near, readPdf, rgbAt, type Rgb } from "../media/fixtures";
import { localRuntime } from "../support/runtime";
import { video } from "../media/videos";

const CHROMIUM = "/usr/bin/chromium";
/** Where the console keeps its tokens (console/src/api.ts). */
const SESSION_KEY = "dulcevicio.console.session";
const ADMIN = { email: "admin@dulcevicio.local", password: "dulcevicio-admin", fullName: "Admin" };
const SCREENSHOT = fileURLToPath(new URL("../../docs/console.png", import.meta.url));
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`test/browser: skipped, ${CHROMIUM} is missing (Debian/Ubuntu: apt-get install chromium; CI installs it)`);

/** The backgrounds of the two photos: the top-left pixel of each PDF page tells which photo it shows. */
const TARTA: Rgb = [232, 163, 61];
const FLAN: Rgb = [61, 139, 122];

/** A 4:3 "photo" of a cake on a plate, drawn with SVG so that nothing binary lives in the repository. */
function cakePhoto([r, g, b]: Rgb, cake: string): sharp.Sharp {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <rect width="1200" height="900" fill="rgb(${r},${g},${b})"/>
    <ellipse cx="600" cy="720" rx="430" ry="80" fill="#fdfaf6"/>
    <rect x="310" y="400" width="580" height="310" rx="28" fill="${cake}"/>
    <rect x="310" y="400" width="580" height="80" rx="28" fill="#fff4e6"/>
    <circle cx="600" cy="350" r="52" fill="#c0262d"/>
  </svg>`;
  return sharp(Buffer.from(svg));
}


async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(chromiumMissing)("the admin console in Chromium", () => {
  let buildDir: string;
  let gateway: LocalGateway;
  let browser: Browser;
  let page: Page;
  let courseId: string;
  /** The browser's POSTs to storage: status and the CORS header the bucket answered with. */
  const storagePosts: Array<{ status: number; allowOrigin: string | null }> = [];
  /** Every time the console asked for the course (its polling). */
  let courseLoads = 0;
  /** The statuses of the console's token refreshes. */
  const refreshes: number[] = [];

  beforeAll(async () => {
    const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: LOCAL_REGION, credentials: DYNAMO_LOCAL_CREDENTIALS });
    await ensureTable(dynamo, process.env.SST_Table_tableName_Main!);
    dynamo.destroy();
    buildDir = await buildConsole(await mkdtemp(path.join(tmpdir(), "dulcevicio-console-")));
    gateway = await startApi({ port: 0, consoleDir: buildDir });
    // The page's origin is the gateway's ephemeral port: give the bucket the CORS rule a stage gets when
    // ALLOWED_ORIGINS lists the console (as stacks/ and `npm run dev` build it, from core/http/cors.ts).
    const s3 = new S3Client(s3ClientConfig(localRuntime.s3!.endpoint));
    const rule = bucketCorsRule([gateway.url]);
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: process.env.SST_Bucket_bucketName_Media!,
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: rule.allowedOrigins, AllowedMethods: rule.allowedMethods, AllowedHeaders: rule.allowedHeaders, ExposeHeaders: rule.exposeHeaders, MaxAgeSeconds: rule.maxAgeSeconds }],
        },
      }),
    );
    s3.destroy();
    // This file's table is its own: the README's dev admin can be used, and the screenshot shows the same name each run.
    await createAdmin(ADMIN);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Below the tests' own timeout, so that a stuck step fails with Playwright's account of what it waited for.
    page.setDefaultTimeout(30_000);
    page.on("response", async (response) => {
      const request = response.request();
      if (request.method() === "POST" && response.url().startsWith(localRuntime.s3!.endpoint)) {
        storagePosts.push({ status: response.status(), allowOrigin: await response.headerValue("access-control-allow-origin") });
      }
      const { pathname } = new URL(response.url());
      if (request.method() === "GET" && courseId && pathname === `/api/courses/${courseId}`) courseLoads += 1;
      if (pathname === "/api/auth/refresh") refreshes.push(response.status());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  });

  it("signs in, creates a course, turns three dropped files into recipes, and follows the pipeline to the PDF", async () => {
    await page.goto(`${gateway.url}/admin`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The email or password is incorrect.").waitFor();
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    // Bad input shows the API's problem detail: a title of spaces is empty once trimmed.
    await page.getByLabel("Title").fill("   ");
    await page.getByRole("button", { name: "Create course" }).click();
    await page.getByText("The request has an invalid field: body.title. (body.title must not be empty)").waitFor();
    await page.getByLabel("Title").fill("Tartas de otoño");
    await page.getByLabel("Description").fill("Tres recetas de temporada");
    await page.getByRole("button", { name: "Create course" }).click();
    await page.getByRole("heading", { name: "Tartas de otoño" }).waitFor();
    courseId = decodeURIComponent(new URL(page.url()).hash.replace("#/courses/", ""));

    await page.locator(".drop-zone").drop({
      files: [
        { name: "tarta-de-queso.jpg", mimeType: "image/jpeg", buffer: await cakePhoto(TARTA, "#f6d7a7").jpeg({ quality: 90 }).toBuffer() },
        { name: "flan_de_cafe.png", mimeType: "image/png", buffer: await cakePhoto(FLAN, "#d9a441").png().toBuffer() },
        // A web page saved under a photo's name: the browser calls it image/jpeg, the pipeline reads its bytes.
        { name: "receta.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<!doctype html><html><body>Receta</body></html>") },
      ],
    });

    const card = (title: string) => page.getByRole("listitem", { name: title, exact: true });
    await card("tarta de queso").getByText("Ready", { exact: true }).waitFor();
    await card("flan de cafe").getByText("Ready", { exact: true }).waitFor();
    await card("receta").getByText("Rejected: not an image (it is an HTML page)").waitFor();
    await page.locator(".pdf").getByText(/^Ready · 3 pages · \d+ KB$/).waitFor();
    await card("tarta de queso").locator("img").waitFor();
    await card("flan de cafe").locator("img").waitFor();
    await page.waitForFunction("[...document.images].every((image) => image.complete && image.naturalWidth > 0)");
    await page.screenshot({ path: SCREENSHOT });

    // Each file went from the browser to storage, cross-origin, allowed by the bucket's CORS rule for this page.
    expect(storagePosts).toEqual(Array.from({ length: 3 }, () => ({ status: 204, allowOrigin: gateway.url })));
    // The recipes are in the order the files came in.
    expect(await Promise.all((await page.locator(".recipes > li").all()).map((item) => item.getAttribute("aria-label")))).toEqual([
      "tarta de queso",
      "flan de cafe",
      "receta",
    ]);

    const pdf = await download(await page.getByRole("link", { name: "Download PDF" }).getAttribute("href"));
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.pages[0]!.images).toHaveLength(0); // the cover
    expect(pdf.pages.slice(1).map((entry) => entry.images.length)).toEqual([1, 1]);
    expect(near(await rgbAt(pdf.pages[1]!.images[0]!, 2, 2), TARTA, 12)).toBe(true);
    expect(near(await rgbAt(pdf.pages[2]!.images[0]!, 2, 2), FLAN, 12)).toBe(true);

    // Settled: the console stops asking for the course.
    const loads = courseLoads;
    await page.waitForTimeout(3500);
    expect(courseLoads).toBe(loads);
  }, 120_000);

  it("reorders, retitles and deletes recipes (the PDF follows), and uploads a lesson video", async () => {
    const card = (title: string) => page.getByRole("listitem", { name: title, exact: true });
    const firstPdf = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");

    await card("flan de cafe").getByLabel("Order").fill("0");
    await card("flan de cafe").getByLabel("Order").press("Tab");
    await page.locator(".recipes > li").first().and(card("flan de cafe")).waitFor();

    page.once("dialog", (dialog) => void dialog.accept());
    await card("receta").getByRole("button", { name: "Delete" }).click();
    await card("receta").waitFor({ state: "detached" });

    await card("flan de cafe").getByLabel("Title").fill("");
    await card("flan de cafe").getByLabel("Title").press("Tab");
    await card("flan de cafe").getByText("The request has an invalid field: body.title. (body.title must not be empty)").waitFor();
    await card("tarta de queso").getByLabel("Title").fill("Tarta de queso vasca");
    await card("tarta de queso").getByLabel("Title").press("Tab");
    await card("Tarta de queso vasca").waitFor();

    // Every edit above changed the PDF: once it is ready again, it is a new file with the new order.
    const nextPdf = await eventually(async () => {
      const ready = await page.locator(".pdf").getByText(/^Ready · 3 pages/).isVisible();
      const href = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
      return ready && href && new URL(href).pathname !== new URL(firstPdf!).pathname ? href : undefined;
    }, "the rebuilt PDF", 30_000);
    const pdf = await download(nextPdf);
    expect(pdf.pages).toHaveLength(3);
    expect(near(await rgbAt(pdf.pages[1]!.images[0]!, 2, 2), FLAN, 12)).toBe(true);
    expect(near(await rgbAt(pdf.pages[2]!.images[0]!, 2, 2), TARTA, 12)).toBe(true);

    // An access token the API refuses, as after its 15 minutes: the console renews the session and goes on.
    await page.evaluate(`(() => {
      const saved = JSON.parse(sessionStorage.getItem("${SESSION_KEY}"));
      sessionStorage.setItem("${SESSION_KEY}", JSON.stringify({ ...saved, access_token: "expired" }));
    })()`);
    await page.getByLabel("New lesson").fill("Bienvenida");
    await page.getByRole("button", { name: "Add lesson" }).click();
    const lesson = page.getByRole("listitem", { name: "Bienvenida", exact: true });
    // A real MP4 (ffmpeg, test/media/videos.ts): the pipeline reads its container since media issue #14.
    await lesson.locator('input[type="file"]').setInputFiles({ name: "bienvenida.mp4", mimeType: "video/mp4", buffer: await video("moov-first.mp4") });
    await lesson.getByText("Ready", { exact: true }).waitFor();
    expect(storagePosts.at(-1)).toEqual({ status: 204, allowOrigin: gateway.url });
    expect(refreshes).toEqual([200]);
    expect(await page.evaluate(`JSON.parse(sessionStorage.getItem("${SESSION_KEY}")).access_token`)).toMatch(/^eyJ/);
  }, 120_000);
});

async function download(href: string | null): Promise<Awaited<ReturnType<typeof readPdf>>> {
  expect(href).toMatch(/^http/);
  const response = await fetch(href!);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-disposition")).toContain("recetas.pdf");
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}
