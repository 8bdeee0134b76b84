import { clock, epochSeconds } from "../clock";
import { db } from "../db/service";
import { tooManyRequests } from "../http/problem";

/**
 * Login throttling: failed sign-ins are counted per account (email) and per source IP in fixed 15-minute
 * windows. Past the limit, every attempt in that window gets 429 with `Retry-After` — even one with the right
 * password, or guessing could go on. Limits are generous to people and tight on scripts.
 */
export const WINDOW_SECONDS = 15 * 60;
export const LIMITS = { account: 5, ip: 50 } as const;

export interface LoginSubjects {
  account: string;
  ip: string;
}

function currentWindow(now: Date) {
  const start = Math.floor(epochSeconds(now) / WINDOW_SECONDS) * WINDOW_SECONDS;
  return { windowStart: new Date(start * 1000).toISOString(), secondsLeft: start + WINDOW_SECONDS - epochSeconds(now), expiresAtEpoch: start + 2 * WINDOW_SECONDS };
}

function keys(subjects: LoginSubjects, windowStart: string) {
  return [
    { scope: "account" as const, subject: subjects.account, window_start: windowStart },
    { scope: "ip" as const, subject: subjects.ip, window_start: windowStart },
  ];
}

/** One BatchGetItem; throws 429 when either subject is over its limit, else tells the account's failure count. */
export async function assertAllowed(subjects: LoginSubjects): Promise<{ accountFailures: number }> {
  const { windowStart, secondsLeft } = currentWindow(clock.now());
  const { data } = await db().entities.loginAttempt.get(keys(subjects, windowStart)).go();
  const blocked = data.some((attempts) => (attempts.failures ?? 0) >= LIMITS[attempts.scope]);
  if (blocked) {
    throw tooManyRequests(`Too many failed sign-ins. Try again in ${Math.ceil(secondsLeft / 60)} minutes.`, secondsLeft);
  }
  return { accountFailures: data.find((attempts) => attempts.scope === "account")?.failures ?? 0 };
}

/** One TransactWriteItems: both counters grow together. */
export async function recordFailure(subjects: LoginSubjects): Promise<void> {
  const { windowStart, expiresAtEpoch } = currentWindow(clock.now());
  await db()
    .transaction.write(({ loginAttempt }) =>
      keys(subjects, windowStart).map((key) =>
        loginAttempt.upsert({ ...key, expires_at_epoch: expiresAtEpoch }).add({ failures: 1 }).commit(),
      ),
    )
    .go();
}

/** A successful sign-in clears the account's count (not the IP's: one right password must not unlock guessing). */
export async function clearAccount(subjects: LoginSubjects): Promise<void> {
  const { windowStart } = currentWindow(clock.now());
  await db().entities.loginAttempt.delete(keys(subjects, windowStart)[0]!).go();
}
