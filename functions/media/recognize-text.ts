import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { logger } from "../../core/logger";
import { recognizeText } from "../../core/media/ocr";
import { readPdfText } from "../../core/media/pdf-text";
import { parseOcrRequest, recognizeRecipe } from "../../core/media/recipe-ocr";

const processor = new BatchProcessor(EventType.SQS);

/** A recipe photo or PDF is ready -> read its text (core/media/recipe-ocr.ts). A failed record is retried alone. */
async function processRecord(record: SQSRecord): Promise<void> {
  const request = parseOcrRequest(record.body);
  if ("unreadable" in request) {
    logger.error("unreadable OCR message; failed until it reaches the dead-letter queue", { messageId: record.messageId, reason: request.unreadable });
    throw new Error(`unreadable message: ${request.unreadable}`);
  }
  const outcome = await recognizeRecipe(request, { photo: recognizeText, pdf: readPdfText });
  logger.info("recipe OCR", { recipe: request.recipe_id, outcome });
}

export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event, context) => processPartialResponse(event, processRecord, processor, { context }));
