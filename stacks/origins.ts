import { DEFAULT_DEV_ORIGINS, parseAllowedOrigins } from "../core/http/cors";

/** Browser origins allowed by the API and the bucket, read once at synth time (`ALLOWED_ORIGINS`). */
export function allowedOrigins(): string[] {
  return parseAllowedOrigins(process.env.ALLOWED_ORIGINS, DEFAULT_DEV_ORIGINS);
}
