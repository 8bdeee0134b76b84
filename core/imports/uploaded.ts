import { clock } from "../clock";
import { db } from "../db/service";
import { isConditionalCheckFailure } from "../db/transactions";
import { logger } from "../logger";

/**
 * The Uploads consumer saw an import's CSV land: the import moves to `checking`, which the EnrollmentImports stream
 * consumer takes up (core/imports/imports.ts). Only from `awaiting_upload`: a second upload to the same key, or a
 * redelivered event, changes nothing (what is checked is a copy of the file, taken once). Kept apart from the import
 * itself so that the media consumer's bundle carries no more than this.
 */
export async function csvUploaded(importId: string): Promise<void> {
  try {
    await db()
      .entities.enrollmentImport.patch({ import_id: importId })
      .set({ status: "checking", updated_at: clock.now().toISOString() })
      .where((attr, op) => op.eq(attr.status, "awaiting_upload"))
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    logger.info("an import's CSV landed again, or for no import waiting for it; ignored", { importId });
  }
}
