import * as z from "zod";
import { IMPORT_STATUSES } from "../db/entities/enrollment-import";
import { PresignedUploadResponse } from "../media/schemas";
import { ContentType, UPLOAD_RULES } from "../media/uploads";
import { ROW_RESULTS } from "./rows";

export const StartImportRequest = z
  .strictObject({
    content_type: ContentType(UPLOAD_RULES["enrollment-csv"].family),
    filename: z.string().max(255, { error: "must be at most 255 characters" }).optional().meta({ description: "Shown in the import and in its reports' names." }),
  })
  .meta({ id: "StartImportRequest" });

export const ReportRow = z
  .object({
    line: z.number().int().meta({ description: "Where the row starts in the file (the header, when there is one, is line 1)." }),
    email: z.string().meta({ description: "The row's cells as the file has them." }),
    course: z.string(),
    expires_at: z.string(),
    result: z.enum(ROW_RESULTS).meta({
      description:
        "created; already_enrolled (nothing to change: an import never shortens access); extended (a later end date, or none); unknown_email; unknown_course (or a title several courses share); bad_date (unreadable, or already passed); duplicate (the same person and course as an earlier row); invalid (no email or no course).",
    }),
    detail: z.string().meta({ description: "A sentence for the admin." }),
    enrollment_id: z.string().nullable(),
  })
  .meta({ id: "ImportReportRow" });
export type ReportRow = z.infer<typeof ReportRow>;

const Report = z
  .object({
    summary: z.object({ rows: z.number().int(), ...Object.fromEntries(ROW_RESULTS.map((result) => [result, z.number().int()])) } as Record<"rows" | (typeof ROW_RESULTS)[number], z.ZodNumber>),
    rows: z.array(ReportRow),
    report_url: z.string().meta({ description: "The same report as a CSV (cells that a spreadsheet would run as formulas are neutralized), for 15 minutes." }),
  })
  .meta({ id: "ImportReport" });

export const ImportResponse = z
  .object({
    id: z.string(),
    status: z.enum(IMPORT_STATUSES).meta({ description: "awaiting_upload → checking → checked (the dry run is ready) → applying → applied; failed when the file as a whole cannot be read (see error)." }),
    filename: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
    error: z.string().nullable(),
    dry_run: Report.nullable().meta({ description: "What applying would do, row by row; once checked." }),
    applied_by: z.string().nullable(),
    applied_at: z.string().nullable(),
    applied: Report.nullable().meta({ description: "What applying did, row by row; once applied." }),
  })
  .meta({ id: "ImportResponse" });
export type ImportResponse = z.infer<typeof ImportResponse>;

export const StartImportResponse = z
  .object({ import: ImportResponse, upload: PresignedUploadResponse })
  .meta({ id: "StartImportResponse", description: "Upload the CSV with `upload` (a presigned POST); its dry run follows on its own: read it with GET /api/enrollments/import/{id}." });
export type StartImportResponse = z.infer<typeof StartImportResponse>;
