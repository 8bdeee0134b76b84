import * as z from "zod";
import { NonBlankText } from "../http/fields";
import { PageQuery } from "../http/pagination";
import { pageOf } from "../openapi/schemas";
import { SEARCH_KINDS } from "./documents";

export const SearchQuery = z.strictObject({
  q: NonBlankText()
    .max(200, { error: "must be at most 200 characters" })
    .regex(/[\p{L}\p{N}]/u, { error: "must contain a word (a letter or a digit)" })
    .meta({ description: "Words to find; accents and case do not matter, plurals find singulars, words of 5+ letters forgive a typo." }),
  ...PageQuery,
});

export const SearchHitResponse = z
  .object({
    kind: z.enum(SEARCH_KINDS as [string, ...string[]]),
    id: z.string(),
    course_id: z.string(),
    course_title: z.string(),
    title: z.string(),
    score: z.number().meta({ description: "Relevance; hits come best first." }),
    snippet: z
      .object({
        field: z.string().meta({ description: "The field the text comes from (title, description, tags, recipe_text)." }),
        text: z.string().meta({ description: "Plain text, never HTML: insert it as text (docs/api-contract.md, \"Search highlighting\")." }),
        highlights: z
          .array(z.object({ start: z.number().int(), end: z.number().int() }))
          .meta({ description: "The matched words: UTF-16 offsets into `text` (`text.slice(start, end)`), in order." }),
      }),
    pdf_page: z.number().int().nullable().meta({ description: "Recipes: the page of the course's recipe PDF where the recipe starts; null when unknown." }),
    locked: z.boolean().meta({ description: "A lesson not yet open to the caller (drip release): found by its title only." }),
  })
  .meta({ id: "SearchHitResponse" });

export const SearchResponse = pageOf(SearchHitResponse).meta({ id: "SearchResponse" });
