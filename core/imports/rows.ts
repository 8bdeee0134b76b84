import { CsvError, decodeUtf8, parseCsv } from "./csv";

/** What an import did, or would do in its dry run, with one row. */
export const ROW_RESULTS = ["created", "already_enrolled", "extended", "unknown_email", "unknown_course", "bad_date", "duplicate", "invalid"] as const;
export type RowResult = (typeof ROW_RESULTS)[number];

export const MAX_ROWS = 5000;

/** One data row as the file has it: what the report echoes, whatever it held. */
export interface CsvRow {
  /** The line it starts on (the header is line 1 when there is one). */
  line: number;
  email: string;
  course: string;
  expires_at: string;
}

/** A header is a first row whose first cell names the column instead of holding an address. */
const HEADER = /^(e-?mail|correo( electr[oó]nico)?|usuario)$/i;

/** The file's data rows; a file that cannot be read as a whole is a CsvError with a sentence for the admin. */
export function rowsOf(bytes: Uint8Array): CsvRow[] {
  const records = parseCsv(decodeUtf8(bytes));
  if (records.length > 0 && HEADER.test(records[0]!.fields[0]!.trim())) records.shift();
  if (records.length === 0) throw new CsvError("The file has no rows: one row per enrollment, with the email, the course (its id or title) and optionally an end date.");
  if (records.length > MAX_ROWS) {
    throw new CsvError(`The file has ${records.length.toLocaleString("en")} rows; an import takes at most ${MAX_ROWS.toLocaleString("en")}: split it into several files.`);
  }
  return records.map(({ line, fields }) => ({ line, email: (fields[0] ?? "").trim(), course: (fields[1] ?? "").trim(), expires_at: (fields[2] ?? "").trim() }));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

/**
 * An end date as spreadsheets write them, in UTC: an ISO instant (`2027-06-30T18:00:00Z`), an ISO date
 * (`2027-06-30`) or a Spanish one (`30/06/2027`, `30-06-2027`). A date means "through that day": access ends when
 * the next day starts. Empty = no end. Returns undefined for anything else, or a day that does not exist.
 */
export function parseEndDate(value: string): { expires_at: string | null } | undefined {
  if (value === "") return { expires_at: null };
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : { expires_at: instant.toISOString() };
  }
  const iso = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
  const spanish = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : spanish ? [spanish[3], spanish[2], spanish[1]] : [];
  if (year === undefined) return undefined;
  const start = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (start.getUTCFullYear() !== Number(year) || start.getUTCMonth() !== Number(month) - 1 || start.getUTCDate() !== Number(day)) return undefined;
  return { expires_at: new Date(start.getTime() + 24 * 3600 * 1000).toISOString() };
}

/** A course title as compared: trimmed, in any case, runs of spaces as one (accents count). */
export const titleKey = (title: string): string => title.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("es");
