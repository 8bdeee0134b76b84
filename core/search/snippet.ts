import { termOf, words } from "./text";

/**
 * A snippet of a document's text around what matched, as plain text with the matched words' positions
 * (docs/api-contract.md, "Search highlighting"): no markup at all, so nothing in a title or a recipe can inject HTML;
 * a client wraps `text.slice(start, end)` of each highlight in its own element.
 */
export interface Snippet {
  field: string;
  text: string;
  /** UTF-16 offsets into `text`, in order, not overlapping: what String.prototype.slice takes. */
  highlights: Array<{ start: number; end: number }>;
}

/** About two lines of a result list. */
const SNIPPET_CHARS = 160;

/** Words of `text` whose index term is one of `terms`, the snippet cut around the first of them. */
export function snippetOf(field: string, text: string, terms: ReadonlySet<string>): Snippet {
  const hits = words(text).filter((word) => {
    const term = termOf(word.text);
    return term !== null && terms.has(term);
  });
  if (text.length <= SNIPPET_CHARS) return { field, text, highlights: hits.map(({ start, end }) => ({ start, end })) };
  // Start a little before the first hit, on a word boundary; end on one too.
  const first = hits[0]?.start ?? 0;
  let from = Math.max(0, first - 40);
  if (from > 0) from = text.lastIndexOf(" ", first - 1) < from ? from : text.indexOf(" ", from) + 1;
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space > first) to = space;
  }
  const prefix = from > 0 ? "…" : "";
  const suffix = to < text.length ? "…" : "";
  const shift = prefix.length - from;
  return {
    field,
    text: `${prefix}${text.slice(from, to).trimEnd()}${suffix}`,
    highlights: hits.filter((hit) => hit.start >= from && hit.end <= to).map(({ start, end }) => ({ start: start + shift, end: end + shift })),
  };
}
