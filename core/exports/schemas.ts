import * as z from "zod";

export const PersonalDataExport = z
  .object({
    url: z.string().meta({ description: "A presigned GET of the JSON document (profile, enrollments, memberships, progress, comments), good for 15 minutes." }),
    expires_at: z.string().meta({ description: "When the link stops working." }),
    counts: z
      .object({ enrollments: z.number().int(), memberships: z.number().int(), progress: z.number().int(), comments: z.number().int() })
      .meta({ description: "How many items of each kind the document holds." }),
  })
  .meta({ id: "PersonalDataExport" });
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;
