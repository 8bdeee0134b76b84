import * as z from "zod";
import type { Problem } from "../http/problem";

/** The one error shape (core/http/problem.ts), as the document shows it. Typed by `Problem`, so the two cannot drift. */
export const ProblemResponse: z.ZodType<Problem> = z
  .object({
    type: z.string().meta({ description: "A URI for the kind of problem; `about:blank` when the status says it all." }),
    title: z.string().meta({ description: "The status's name, like `Bad Request`." }),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, in words a person can act on." }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: "Where: `body.email`, `query.limit`, `path.id`, `header.if-match`; `body` for the body as a whole." }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: "One entry per invalid field." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (`application/problem+json`)." });

/** A page of a list: `?limit=&cursor=` -> `{ items, next_cursor }` (core/http/pagination.ts). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Send it back as `cursor` for the next page; null on the last page. Opaque and signed." }),
  });
}

/** `GET /api/openapi.json`: this document (its full shape is the OpenAPI 3.1 specification's). */
export const OpenApiDocumentResponse = z.looseObject({ openapi: z.literal("3.1.0") }).meta({ description: "An OpenAPI 3.1 document." });
