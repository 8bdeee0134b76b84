import * as z from "zod";

/**
 * Values in a query string. A query string carries text only; these read it the one way the document states, so
 * that what a client may send is exactly what the OpenAPI document says (no `1e2`, ` 5` or `05` for an integer,
 * no `1` or `yes` for a boolean). Anything else is a 400 that says how to write it.
 */

/** An integer spelled in plain digits: an optional minus, no leading zeros, no spaces, exponent or fraction. */
const CANONICAL_INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * A whole number in a query string, documented as the `integer` it is (the document shows the parsed side, which is
 * what a client means). `.prefault(n)`, not `.default(n)`, gives it a default: zod documents no default for a value
 * it converts, while a prefault goes through the same parsing as a sent value.
 */
export function QueryInteger({ min, max }: { min: number; max: number }) {
  return z.preprocess(
    (value) => (typeof value === "string" && CANONICAL_INTEGER.test(value) ? Number(value) : value),
    z
      .number({ error: "must be a whole number written in plain digits" })
      .int({ error: "must be a whole number" })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` }),
  );
}

/** A boolean in a query string: exactly "true" or "false", so a typo is a 400 rather than a silent false. */
export const QueryBoolean = z.enum(["true", "false"], { error: 'must be "true" or "false"' }).transform((value) => value === "true");
