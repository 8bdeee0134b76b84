/**
 * CSV as spreadsheets write it (RFC 4180 and its usual variations): UTF-8 with or without a BOM, CRLF or LF, fields
 * in double quotes with `""` for a quote, and a comma or, as Spanish-locale spreadsheets export it, a semicolon.
 * Small enough to read whole, so no dependency: enrollment imports are at most a couple of megabytes.
 */

export class CsvError extends Error {}

/** Bytes to text: refuses what is not UTF-8 (a "CSV" saved as Latin-1 would turn "Muñoz" into nonsense). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvError("The file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\" and upload it again.");
  }
}

/** The delimiter of the first line: whichever of `;` and `,` appears more often outside quotes (a comma on a tie). */
function delimiterOf(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/** Every record of the text with its line number (where it starts), blank lines left out. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const delimiter = delimiterOf(text);
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== "")) records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      start = line;
    } else field += char;
  }
  if (quoted) throw new CsvError(`A quoted field that starts on line ${start} never ends: check its double quotes.`);
  endRecord();
  return records;
}

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, a tab or a carriage return first)
 * gets a leading apostrophe, as OWASP advises for CSV injection: it then shows as the text it was.
 */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV document (comma, CRLF, every field quoted and neutralized), with a BOM so that spreadsheets read it as UTF-8. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (value: string | number | null) => `"${neutralize(value === null ? "" : String(value)).replace(/"/g, '""')}"`;
  return `\uFEFF${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
