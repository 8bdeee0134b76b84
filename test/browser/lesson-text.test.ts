/**
 * Text lessons' Markdown (core/lessons/markdown.ts) against a corpus of hostile sources, judged by a real browser:
 * each rendering is loaded as a page in Chromium, which parses it as a student's browser would (mXSS included),
 * and must run nothing and hold nothing that could run.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../core/lessons/markdown";

const CHROMIUM = "/usr/bin/chromium";
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.warn(`test/browser: skipped, ${CHROMIUM} is missing (Debian/Ubuntu: apt-get install chromium; CI installs it)`);

/** The one image source the renderer may keep: a key of the course's own files. */
const OWN_IMAGE = "media/recipes/01J0000000000000000000000A/01J0000000000000000000000B/01J0000000000000000000000C.jpg";
const imageKeyOf = (src: string) => (src === OWN_IMAGE ? src : undefined);

const HOSTILE = [
  "<script>window.pwned('script')</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<scr<script>ipt>window.pwned('split')</script>",
  "<img src=x onerror=\"window.pwned('onerror')\">",
  "<img src=\"x\" ONERROR=window.pwned('upper')>",
  "<svg onload=\"window.pwned('svg')\"><circle r=1 /></svg>",
  "<svg><a xlink:href=\"javascript:window.pwned('xlink')\"><text y=10>x</text></a></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=\"window.pwned('mxss')\">",
  "<noscript><p title=\"</noscript><img src=x onerror=window.pwned('noscript')>\">",
  "<iframe src=\"javascript:window.pwned('iframe')\"></iframe>",
  "<iframe srcdoc=\"<script>parent.pwned('srcdoc')</script>\"></iframe>",
  "<object data=\"javascript:window.pwned('object')\"></object><embed src=\"javascript:window.pwned('embed')\">",
  "<form action=\"javascript:window.pwned('form')\"><button>go</button></form>",
  "<details open ontoggle=\"window.pwned('toggle')\"><summary>x</summary></details>",
  "<div style=\"background:url(javascript:window.pwned('style'))\">x</div><style>*{color:red}</style>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.pwned('meta')\"><base href=\"javascript:/\">",
  "<a href=\"javascript:window.pwned('raw-link')\">x</a>",
  "<a href=\"&#x6A;avascript&#x3A;window.pwned('entity-link')\">x</a>",
  "<a href=\"  java\tscript:window.pwned('tab-link')\">x</a>",
  "<a href=\"vbscript:msgbox(1)\">x</a>",
  "[click](javascript:window.pwned('md-link'))",
  "[click](JaVaScRiPt:window.pwned('md-case'))",
  "[click](&#106;avascript:window.pwned('md-entity'))",
  "[click](java&#x09;script:window.pwned('md-tab'))",
  "[click](<javascript:window.pwned('md-angle')>)",
  "<javascript:window.pwned('autolink')>",
  "[click](data:text/html;base64,PHNjcmlwdD5wYXJlbnQucHduZWQoJ2RhdGEnKTwvc2NyaXB0Pg==)",
  "[click][ref]\n\n[ref]: javascript:window.pwned('md-ref')",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9cGFyZW50LnB3bmVkKCdkYXRhLWltZycpPjwvc3ZnPg==)",
  "![x](https://evil.example/tracker.png)",
  "![x](//evil.example/tracker.png)",
  "![x](media/recipes/01J0000000000000000000000Z/01J0000000000000000000000B/01J0000000000000000000000C.jpg)",
  "[x](https://ok.example \"t\\\" onmouseover=\\\"window.pwned('title')\")",
  "`<img src=x onerror=window.pwned('code')>`\n\n```html\n<script>window.pwned('fence')</script>\n```",
  "&lt;script&gt;window.pwned('escaped')&lt;/script&gt; and &#60;img src=x onerror=window.pwned('numeric')&#62;",
  "%3Cscript%3Ewindow.pwned('percent')%3C/script%3E [x](%6Aavascript:window.pwned('pct-link'))",
];

/** What an honest lesson uses survives: headings, emphasis, lists, tables, code, links and the course's own photo. */
const HONEST = [
  "# Crema pastelera",
  "Calienta **500 ml** de leche con _vainilla_; ver [la receta](https://dulcevicio.example/recetas?id=1&x=2).",
  "1. Yemas\n2. Azúcar",
  "| Paso | Minutos |\n| --- | ---: |\n| Hervir | 5 |",
  "```\nmezclar(yemas, azúcar)\n```",
  `![La crema](${OWN_IMAGE} "Lista")`,
].join("\n\n");

interface Parsed {
  calls: string[];
  tags: string[];
  handlers: string[];
  links: string[];
  images: Array<string | null>;
  text: string;
}

let browser: Browser;
let page: Page;

describe.skipIf(chromiumMissing)("text lesson Markdown in Chromium", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    page = await browser.newPage();
    // Every payload reports itself through this; nothing may reach the network either.
    await page.addInitScript("window.pwnedCalls = []; window.pwned = (what) => window.pwnedCalls.push(what);");
    await page.route("**/*", (route) => (route.request().url().startsWith("http://lesson.test/") ? route.fulfill({ status: 200, contentType: "text/html", body: "" }) : route.abort()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Loads the rendering as the body of a page, lets it run, and reports what the browser parsed. */
  async function inBrowser(html: string) {
    // A page of an http origin, so that relative links resolve as they would on the site.
    await page.goto("http://lesson.test/lesson");
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
    await page.waitForTimeout(50);
    // A string: this runs in the page (the project's types have no DOM).
    return page.evaluate<Parsed>(`(() => {
      const elements = [...document.body.querySelectorAll("*")];
      return {
        calls: window.pwnedCalls,
        tags: [...new Set(elements.map((element) => element.tagName.toLowerCase()))],
        handlers: elements.flatMap((element) => [...element.attributes].filter((attr) => /^on/i.test(attr.name) || attr.name === "style").map((attr) => element.tagName + "@" + attr.name)),
        // As the browser resolves them: the scheme a click or a load would use.
        links: [...document.querySelectorAll("a[href]")].map((a) => new URL(a.href).protocol),
        images: [...document.querySelectorAll("img")].map((img) => img.getAttribute("src")),
        text: document.body.textContent ?? "",
      };
    })()`);
  }

  const ALLOWED_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td"]);

  it.each(HOSTILE)("comes out inert: %s", async (source) => {
    const { html, imageKeys } = renderMarkdown(source, imageKeyOf);
    const parsed = await inBrowser(html);
    expect(parsed.calls).toEqual([]);
    expect(parsed.tags.filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    expect(parsed.handlers).toEqual([]);
    expect(parsed.links.filter((scheme) => !["http:", "https:", "mailto:"].includes(scheme))).toEqual([]);
    expect(parsed.images).toEqual([]);
    expect(imageKeys).toEqual([]);
  });

  it("keeps what an honest lesson uses, and the course's own photo as its key", async () => {
    const { html, imageKeys } = renderMarkdown(HONEST, imageKeyOf);
    const parsed = await inBrowser(html);
    expect(parsed.calls).toEqual([]);
    expect(parsed.tags).toEqual(expect.arrayContaining(["h1", "p", "strong", "em", "a", "ol", "li", "table", "th", "td", "pre", "code", "img"]));
    expect(parsed.links).toEqual(["https:"]);
    expect(parsed.images).toEqual([OWN_IMAGE]);
    expect(imageKeys).toEqual([OWN_IMAGE]);
    expect(parsed.text).toContain("mezclar(yemas, azúcar)");
    expect(html).toContain('rel="nofollow noopener noreferrer"');
  });

  it("shows hostile code as text instead of dropping it, where Markdown says it is text", async () => {
    const parsed = await inBrowser(renderMarkdown("`<img src=x onerror=alert(1)>`", imageKeyOf).html);
    expect(parsed.text.trim()).toBe("<img src=x onerror=alert(1)>");
  });
});
