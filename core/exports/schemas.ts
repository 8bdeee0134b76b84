import * as z from "zod";
import { EXPORT_STATUSES } from "../db/entities/personal-data-export";

const count = z.number().int();

export const ExportCounts = z
  .object({
    enrollments: count,
    memberships: count,
    progress: count,
    comments: count,
    reviews: count,
    reactions: count,
    certificates: count,
    notifications: count,
    failed_sign_ins: count,
  })
  .meta({ description: "How many items of each kind the document holds." });
export type ExportCounts = z.infer<typeof ExportCounts>;

export const PersonalDataExport = z
  .object({
    export_id: z.string(),
    status: z.enum(EXPORT_STATUSES).meta({ description: "`building` off the request (ask again in a few seconds), or `ready` with its download." }),
    requested_at: z.string(),
    exported_at: z.string().optional().meta({ description: "When the document was built (ready only)." }),
    url: z
      .string()
      .optional()
      .meta({ description: "Ready only: a presigned GET of the JSON document (profile, enrollments, memberships, progress, comments, reviews, reactions, certificates, notifications and their settings), good for 15 minutes." }),
    expires_at: z.string().optional().meta({ description: "Ready only: when the link stops working." }),
    counts: ExportCounts.optional(),
  })
  .meta({ id: "PersonalDataExport" });
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;
