/**
 * The one clock. Everything that compares times (token expiry, throttling windows, and later enrollment and
 * membership expiry) asks `clock.now()`, so tests can move time instead of waiting for it.
 */
export const clock = {
  now: (): Date => new Date(),
};

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
