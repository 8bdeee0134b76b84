import * as z from "zod";

/**
 * Rules shared by request bodies of every area, written so that the JSON Schema zod generates from them states the
 * rule too: the OpenAPI document then says everything the server checks that JSON Schema can say.
 */

/**
 * Text that must say something: trimmed, then at least one character that is not white space. A pattern, not
 * `min(1)`: `minLength: 1` in the document would call "   " valid, which the server refuses.
 */
export const NonBlankText = () => z.string().trim().regex(/\S/, { error: "must not be empty" });

/**
 * The body of an update: any of the fields, at least one of them (an empty update is a mistake, not a no-op).
 * `minProperties: 1` says so in the document, where a refinement cannot.
 */
export function changesOf<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return z
    .strictObject(shape)
    .refine((body) => Object.keys(body).length > 0, { error: `give at least one of ${names.join(", ")}` })
    .meta({ minProperties: 1 });
}
