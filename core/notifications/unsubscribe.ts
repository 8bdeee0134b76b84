import { createHmac, timingSafeEqual } from "node:crypto";
import { Config } from "../bindings";
import { badRequest } from "../http/problem";
import { EMAIL_TOPICS, type EmailTopic } from "./kinds";

/**
 * The token of an unsubscribe link (RFC 8058 one-click, and the link in every email's footer): who and which topic,
 * with an HMAC keyed by the `UNSUBSCRIBE_KEY` secret. It needs no sign-in, so it must be unforgeable; it does not
 * expire (an old email's link must still work) and can only ever switch one topic's email off for one person.
 *
 *   <base64url of JSON [user id, topic]>.<base64url of the first 16 bytes of HMAC-SHA256>
 */
export interface Unsubscribe {
  userId: string;
  topic: EmailTopic;
}

const mac = (payload: string): Buffer => createHmac("sha256", Config.UNSUBSCRIBE_KEY).update(`unsubscribe\n${payload}`).digest().subarray(0, 16);

export function tokenFor({ userId, topic }: Unsubscribe): string {
  const payload = Buffer.from(JSON.stringify([userId, topic])).toString("base64url");
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/** What a token says, or a 400 that a person can read (the link was cut, or made up). */
export function readToken(token: string): Unsubscribe {
  const invalid = badRequest("This unsubscribe link is not valid: open it exactly as it came in the email, or change your email settings in your account.", [
    { path: "query.token", message: "is not an unsubscribe token" },
  ]);
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) throw invalid;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  // Signed by us, so well formed; checked anyway, as anything read from outside is.
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid;
  const [userId, topic] = decoded as unknown[];
  if (typeof userId !== "string" || !(EMAIL_TOPICS as readonly unknown[]).includes(topic)) throw invalid;
  return { userId, topic: topic as EmailTopic };
}
