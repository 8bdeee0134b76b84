/**
 * The one CORS policy of the API. The stack hands it to API Gateway's HTTP API CORS configuration and the
 * local gateway applies it the same way, so browsers see the same answers locally and on AWS.
 */
export interface CorsPolicy {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/** Origins come from configuration (`ALLOWED_ORIGINS`, comma separated); never `*` with credentials. */
export function corsPolicy(allowOrigins: string[]): CorsPolicy {
  return {
    allowOrigins,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["authorization", "content-type"],
    exposeHeaders: ["x-request-id", "retry-after", "location"],
    maxAgeSeconds: 600,
  };
}

export function parseAllowedOrigins(value: string | undefined, fallback: string[]): string[] {
  const origins = (value ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.length > 0 ? origins : fallback;
}

/** Browser origins allowed when `ALLOWED_ORIGINS` is not set: the local admin console and a Vite dev server. */
export const DEFAULT_DEV_ORIGINS = ["http://localhost:3000", "http://localhost:5173"];

/**
 * The media bucket's CORS rule: browsers POST uploads straight to S3 (presigned POST) and GET presigned
 * objects. The stack and the local S3 emulator both apply this one rule.
 */
export function bucketCorsRule(allowOrigins: string[]) {
  return {
    allowedOrigins: allowOrigins,
    // PUT: the parts of a multipart video upload (core/media/multipart.ts); their ETag is read by the browser.
    allowedMethods: ["GET", "HEAD", "POST", "PUT"],
    allowedHeaders: ["*"],
    exposeHeaders: ["ETag"],
    maxAgeSeconds: 3000,
  };
}
