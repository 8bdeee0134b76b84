import * as z from "zod";
import { CERTIFICATE_STATUSES } from "../db/entities/certificate";

/** What anyone holding a certificate's id (its QR code) learns: valid or revoked, whose, which course, when. */
export const CertificateVerificationResponse = z
  .object({
    id: z.string(),
    status: z.enum(CERTIFICATE_STATUSES).meta({ description: "`revoked`: withdrawn by an admin, or replaced by a reissued certificate." }),
    full_name: z.string(),
    course_title: z.string(),
    completed_on: z.string().meta({ description: "The day the last lesson was completed (YYYY-MM-DD, UTC)." }),
  })
  .meta({ id: "CertificateVerification", description: "Public: nothing else of the student is shown." });
export type CertificateVerificationResponse = z.infer<typeof CertificateVerificationResponse>;

/** A certificate as its owner (and an admin) sees it. */
export const MyCertificateResponse = z
  .object({
    id: z.string(),
    course_id: z.string(),
    course_title: z.string(),
    full_name: z.string(),
    completed_on: z.string(),
    issued_at: z.string(),
    status: z.enum(CERTIFICATE_STATUSES),
    verification_url: z.string().meta({ description: "The public page the PDF's QR code points to." }),
    pdf_status: z.enum(["pending", "ready"]).meta({ description: "`pending` for the few seconds the PDF takes to be written after issuing." }),
    pdf_url: z.string().nullable().meta({ description: "A 15-minute link to the PDF once ready." }),
  })
  .meta({ id: "Certificate" });
export type MyCertificateResponse = z.infer<typeof MyCertificateResponse>;

export const MyCertificatesResponse = z.object({ items: z.array(MyCertificateResponse) }).meta({ id: "MyCertificates" });

export const RevokeCertificateRequest = z
  .strictObject({ reason: z.string().trim().min(1).max(500, { error: "must be at most 500 characters" }).optional() })
  .meta({ id: "RevokeCertificateRequest" });
