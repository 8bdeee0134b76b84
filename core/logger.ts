import { Logger } from "@aws-lambda-powertools/logger";

/**
 * One Powertools logger for every function: JSON lines with the Lambda request id (through
 * `injectLambdaContext` in the handler factory). Never log a request body, a header or a token.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "dulcevicio" });
