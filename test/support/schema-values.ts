import fc from "fast-check";

/**
 * Values from the JSON Schemas of the OpenAPI document, for the contract fuzz (test/openapi-fuzz.test.ts): `valid`
 * makes values the schema accepts, `violations` lists ways to break one that the schema refuses. It reads the
 * keywords the document uses (type, enum, const, anyOf, allOf, $ref, properties, required, additionalProperties,
 * minProperties, minLength, maxLength, pattern, format, minimum, maximum) and throws on anything else, so a new
 * keyword in the document cannot be silently fuzzed as if it were not there.
 */

export type Json = Record<string, unknown>;

const KNOWN = new Set([
  "type", "enum", "const", "anyOf", "allOf", "$ref", "properties", "required", "additionalProperties", "minProperties",
  "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "default", "description", "items",
  "minItems", "maxItems", "uniqueItems",
]);

export class SchemaValues {
  constructor(private readonly document: Json) {}

  /** Follows `#/components/...` references. */
  resolve(schema: Json): Json {
    if (typeof schema.$ref !== "string") return schema;
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, part) => (node as Json)[part], this.document);
    return this.resolve(target as Json);
  }

  /** Values the schema accepts. `text` limits strings to what an HTTP header can carry (visible ASCII). */
  valid(schema: Json, options: { text?: "any" | "header" } = {}): fc.Arbitrary<unknown> {
    const node = this.resolve(schema);
    const unknown = Object.keys(node).filter((key) => !KNOWN.has(key));
    if (unknown.length > 0) throw new Error(`schema-values: no generator for ${unknown.join(", ")} in ${JSON.stringify(node).slice(0, 200)}`);
    if ("const" in node) return fc.constant(node.const);
    if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
    if (Array.isArray(node.anyOf)) return fc.oneof(...(node.anyOf as Json[]).map((branch) => this.valid(branch, options)));
    if (Array.isArray(node.type)) return fc.oneof(...(node.type as string[]).map((type) => this.valid({ ...node, type }, options)));
    switch (node.type) {
      case "string":
        return this.text(node, options.text ?? "any");
      case "integer":
        return fc.integer({ min: (node.minimum as number | undefined) ?? -(2 ** 31), max: (node.maximum as number | undefined) ?? 2 ** 31 });
      case "number":
        return fc.double({ min: (node.minimum as number | undefined) ?? -1e9, max: (node.maximum as number | undefined) ?? 1e9, noNaN: true, noDefaultInfinity: true });
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array": {
        // At most 3 items (or the schema's minimum): enough to tell one from many, cheap to send.
        const minLength = (node.minItems as number | undefined) ?? 0;
        const maxLength = Math.max(minLength, Math.min((node.maxItems as number | undefined) ?? 3, 3));
        const items = this.valid(node.items as Json, options);
        return node.uniqueItems === true ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) }) : fc.array(items, { minLength, maxLength });
      }
      case "object":
        return this.object(node, options);
      default:
        throw new Error(`schema-values: no generator for ${JSON.stringify(node).slice(0, 200)}`);
    }
  }

  private object(node: Json, options: { text?: "any" | "header" }): fc.Arbitrary<Json> {
    if (node.additionalProperties !== false) throw new Error("schema-values: request objects are closed (additionalProperties: false)");
    const properties = (node.properties ?? {}) as Record<string, Json>;
    const record = fc.record(
      Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, this.valid(property, options)])),
      { requiredKeys: (node.required ?? []) as string[] },
    );
    const least = (node.minProperties as number | undefined) ?? 0;
    return record.filter((value) => Object.keys(value).length >= least) as fc.Arbitrary<Json>;
  }

  /**
   * Strings: from the anchored pattern when there is one, a URL for `format: uri`, else any well-formed Unicode;
   * then held to every pattern and to the length in code points (JSON Schema's unit). Strings near `maxLength`
   * come often: that is where servers and documents most often disagree.
   */
  private text(node: Json, kind: "any" | "header"): fc.Arbitrary<string> {
    const patterns = patternsOf(node).map((pattern) => new RegExp(pattern, "u"));
    const min = (node.minLength as number | undefined) ?? 0;
    const max = (node.maxLength as number | undefined) ?? 300;
    const anchored = patterns.find((pattern) => pattern.source.startsWith("^") && pattern.source.endsWith("$"));
    const unit = kind === "header" ? fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))) : ("binary" as const);
    const base = anchored
      ? fc.stringMatching(anchored)
      : node.format === "uri"
        ? fc.webUrl({ validSchemes: ["https"], withQueryParameters: true, withFragments: true })
        : fc.oneof(
            { weight: 3, arbitrary: fc.string({ unit, minLength: min, maxLength: Math.min(max, 40) }) },
            { weight: 1, arbitrary: fc.string({ unit, minLength: Math.max(min, max - 3), maxLength: max }) },
          );
    return base.filter((value) => {
      const length = [...value].length;
      return isWellFormed(value) && length >= min && length <= max && patterns.every((pattern) => pattern.test(value));
    });
  }

  /** Ways to make a value of this schema invalid, each a value the schema refuses. */
  violations(schema: Json): unknown[] {
    const node = this.resolve(schema);
    const options = node.anyOf ? (node.anyOf as Json[]).map((branch) => this.resolve(branch)) : [node];
    const types = new Set(options.flatMap((option) => (Array.isArray(option.type) ? option.type : [option.type])));
    const values: unknown[] = [];
    if (!types.has("object")) values.push({ nested: true });
    if (!types.has("boolean") && !types.has("string")) values.push(true);
    if (!types.has("string") && !options.some((option) => option.enum || option.const !== undefined)) values.push("text");
    if (!types.has("null")) values.push(null);
    for (const option of options) {
      if (option.type === "string" && !option.enum) {
        if (typeof option.maxLength === "number") values.push("x".repeat(option.maxLength + 1));
        for (const pattern of patternsOf(option)) {
          const refused = ["", "   ", "not valid!", "http://example.com/a.png"].find((candidate) => !new RegExp(pattern, "u").test(candidate));
          if (refused !== undefined) values.push(refused);
        }
      }
      if (option.enum) values.push("NOT_ONE_OF_THEM");
      if (option.type === "array" && typeof option.minItems === "number" && option.minItems > 0) values.push([]);
      if (option.type === "integer") {
        values.push(1.5);
        if (typeof option.maximum === "number") values.push(option.maximum + 1);
        if (typeof option.minimum === "number") values.push(option.minimum - 1);
      }
    }
    // A value another branch accepts is no violation ("" is a valid description).
    return values.filter((value) => !options.some((option) => this.accepts(option, value)));
  }

  /** A small check of the keywords `violations` breaks, to drop candidates that are valid after all. */
  private accepts(node: Json, value: unknown): boolean {
    if (node.type === "null") return value === null;
    if (Array.isArray(node.enum)) return (node.enum as unknown[]).includes(value);
    if (node.type === "string") {
      if (typeof value !== "string") return false;
      const length = [...value].length;
      if (typeof node.maxLength === "number" && length > node.maxLength) return false;
      if (typeof node.minLength === "number" && length < node.minLength) return false;
      return patternsOf(node).every((pattern) => new RegExp(pattern, "u").test(value));
    }
    if (node.type === "integer") {
      return Number.isInteger(value) && !(typeof node.maximum === "number" && (value as number) > node.maximum) && !(typeof node.minimum === "number" && (value as number) < node.minimum);
    }
    if (node.type === "boolean") return typeof value === "boolean";
    return false;
  }
}

/** `pattern`, and those of `allOf` (zod writes a second pattern there). */
export function patternsOf(node: Json): string[] {
  const parts = [node, ...((node.allOf as Json[] | undefined) ?? [])];
  return parts.map((part) => part.pattern).filter((pattern): pattern is string => typeof pattern === "string");
}

/** No lone surrogate: a JSON Schema string is Unicode text (String.prototype.isWellFormed is ES2024, past this lib). */
function isWellFormed(value: string): boolean {
  return !/\p{Surrogate}/u.test(value);
}
