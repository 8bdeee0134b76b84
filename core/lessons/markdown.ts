import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * A text lesson's Markdown to HTML that is safe to put in a page: marked (CommonMark + GFM tables and
 * strikethrough) renders, sanitize-html keeps only what Markdown itself produces. No script, style, frame, form or
 * SVG; no event handler or style attribute; links only to http(s) and mailto (no `javascript:`, `data:`, `vbscript:`,
 * however encoded: sanitize-html decodes entities and strips control characters before it looks at the scheme);
 * images only from the course's own files in our bucket (`imageKeyOf`), whatever else the source points at.
 *
 * Run when a lesson's text is written (core/lessons/lessons.ts), not when it is read: the two packages weigh ~350 kB
 * and only the functions that write lessons load them, lazily (stacks/bundling.ts).
 */

/** Tags marked produces for CommonMark + GFM, less task-list checkboxes. Everything else is dropped. */
const ALLOWED_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "del", "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td"];

/** Dropped with everything inside them (not just the tag): their content is code or markup, never text to show. */
const DROPPED_WITH_CONTENT = ["script", "style", "textarea", "option", "xmp", "noscript", "noembed", "noframes", "iframe", "object", "template", "title", "svg", "math", "select", "plaintext"];

export interface RenderedMarkdown {
  html: string;
  /** The bucket keys of the images kept, in order. */
  imageKeys: string[];
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** `imageKeyOf(src)`: the bucket key an image source names when it is one of the course's own files, else undefined. */
export function renderMarkdown(source: string, imageKeyOf: (src: string) => string | undefined): RenderedMarkdown {
  const rendered = marked.parse(source) as string;
  const imageKeys: string[] = [];
  const html = sanitizeHtml(rendered, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], code: ["class"], ol: ["start"], th: ["align"], td: ["align"] },
    allowedClasses: { code: [/^language-[\w+-]{1,40}$/] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: DROPPED_WITH_CONTENT,
    parseStyleAttributes: false,
    transformTags: {
      // Whatever rel the source gave, ours: no referrer for the site linked to, no hold on this page's window.
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow noopener noreferrer" } }),
      // An image keeps its source only as a key of the course's files; anything else loses it (and the tag, below).
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: (attribs.src && imageKeyOf(attribs.src)) ?? "" } }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== "img") return false;
      if (!frame.attribs.src) return true;
      imageKeys.push(frame.attribs.src);
      return false;
    },
  });
  return { html, imageKeys };
}
