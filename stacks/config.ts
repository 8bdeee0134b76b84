import type { App } from "sst/constructs";
import { DEFAULT_DEV_ORIGINS, parseAllowedOrigins } from "../core/http/cors";
import { isEphemeralStage } from "./stage";

/**
 * What a stage is configured with at synth time, from the shell that runs `sst deploy` (or the stage's `.env`):
 *
 *   ALLOWED_ORIGINS  browser origins of the SPA and the admin console (the API's and the bucket's CORS)
 *   SPA_BASE_URL     where the SPA lives: links in emails and on certificates point there
 *   ALARM_EMAIL      who is told when an alarm fires (an SNS email subscription, confirmed by that person)
 *   MAIL_FROM        the sender of every email: an address of a domain (or the address itself) verified in SES,
 *                    optionally with a display name (`DulceVicio <no-reply@dulcevicio.com>`; docs/deploy.md, SES)
 *
 * A disposable stage (stacks/stage.ts) falls back to the local development values and to no subscription. Any other
 * stage refuses to synthesize without all four: a prod stage must never answer CORS for localhost, link to
 * localhost, raise alarms nobody receives, or send mail from an address nobody verified.
 */
export interface StageConfig {
  allowedOrigins: string[];
  spaBaseUrl: string;
  alarmEmail: string | undefined;
  mailFrom: string;
}

export const DEV_SPA_BASE_URL = "http://localhost:5173";
/** A disposable stage's sender: SES sends from it only once its domain is verified (set MAIL_FROM to one that is). */
export const DEV_MAIL_FROM = "DulceVicio <no-reply@dulcevicio.local>";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function stageConfig(app: Pick<App, "mode" | "stage">, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const ephemeral = isEphemeralStage(app);
  const given = (name: string) => env[name]?.trim() || undefined;
  const missing = ["ALLOWED_ORIGINS", "SPA_BASE_URL", "ALARM_EMAIL", "MAIL_FROM"].filter((name) => !given(name));
  if (!ephemeral && missing.length > 0) {
    throw new Error(
      `Stage "${app.stage}" keeps its data and serves real users, so it needs ${missing.join(", ")}: set ${missing.length === 1 ? "it" : "them"} in the shell or in .env.${app.stage} ` +
        `(e.g. ALLOWED_ORIGINS=https://app.dulcevicio.com SPA_BASE_URL=https://app.dulcevicio.com ALARM_EMAIL=oncall@dulcevicio.com MAIL_FROM="DulceVicio <no-reply@dulcevicio.com>"). docs/deploy.md`,
    );
  }
  const allowedOrigins = parseAllowedOrigins(given("ALLOWED_ORIGINS"), DEFAULT_DEV_ORIGINS);
  const spaBaseUrl = (given("SPA_BASE_URL") ?? DEV_SPA_BASE_URL).replace(/\/+$/, "");
  const alarmEmail = given("ALARM_EMAIL");
  const mailFrom = given("MAIL_FROM") ?? DEV_MAIL_FROM;
  const problems = [
    ...allowedOrigins.filter((origin) => !isOrigin(origin, ephemeral)).map((origin) => `ALLOWED_ORIGINS: ${origin} is not an origin like https://app.example.com`),
    ...(URL.canParse(spaBaseUrl) && isOrigin(new URL(spaBaseUrl).origin, ephemeral) ? [] : [`SPA_BASE_URL: ${spaBaseUrl} is not an ${ephemeral ? "http(s)" : "https"} URL`]),
    ...(alarmEmail === undefined || EMAIL.test(alarmEmail) ? [] : [`ALARM_EMAIL: ${alarmEmail} is not an email address`]),
    ...(senderAddress(mailFrom) ? [] : [`MAIL_FROM: ${mailFrom} is not an email address (or "Name <address>")`]),
  ];
  if (problems.length > 0) throw new Error(`Stage "${app.stage}" is misconfigured: ${problems.join("; ")}`);
  return { allowedOrigins, spaBaseUrl, alarmEmail, mailFrom };
}

/** The address of a sender (`Name <address>` or the bare address), lower-cased; undefined when it is not one. */
export function senderAddress(mailFrom: string): string | undefined {
  const address = (/^[^<>]*<([^<>]+)>$/.exec(mailFrom)?.[1] ?? mailFrom).trim().toLowerCase();
  return EMAIL.test(address) && !/[\s"]/.test(address) ? address : undefined;
}

/** `https://host[:port]` with nothing after it; plain http only on disposable stages (localhost, a dev server). */
function isOrigin(value: string, ephemeral: boolean): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const schemes = ephemeral ? ["https:", "http:"] : ["https:"];
  return schemes.includes(url.protocol) && url.origin === value;
}
