// Login throttling after CNIL deliberation 2022-100 (password recommendation): a few free
// attempts, then a delay that doubles with each failure, and a daily cap. Pure: the caller reads
// the failures (LoginFailure rows) and passes the clock, so tests control time.

/** The consecutive failure from which the next attempt must wait. */
export const FIRST_DELAYED_FAILURE = 5;
/** Failures within 24 hours that block the account until the oldest of them is a day old. */
export const DAILY_FAILURE_CAP = 25;
/** The wait after the FIRST_DELAYED_FAILURE-th failure, doubled with each further failure. */
export const FIRST_DELAY_SECONDS = 60;
/** No single delay is longer than a day. */
export const MAX_DELAY_SECONDS = 24 * 60 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ThrottleInput = {
  consecutiveFailures: number;
  lastFailureAt: Date | null;
  failuresLast24h: number;
  oldestFailureLast24h: Date | null;
  now: Date;
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The delay that follows the n-th consecutive failure: 5 → 60 s, 6 → 120 s, 7 → 240 s… capped at a day. */
export function delayAfterFailure(consecutiveFailures: number): number {
  if (consecutiveFailures < FIRST_DELAYED_FAILURE) return 0;
  // Capping the exponent first keeps a huge count from overflowing to Infinity.
  const doublings = Math.min(consecutiveFailures - FIRST_DELAYED_FAILURE, 32);
  return Math.min(FIRST_DELAY_SECONDS * 2 ** doublings, MAX_DELAY_SECONDS);
}

export function loginThrottle(input: ThrottleInput): ThrottleDecision {
  const now = input.now.getTime();
  // A missing date next to a non-zero count is treated as "just now": when in doubt, wait.
  const last = input.lastFailureAt?.getTime() ?? now;
  const oldest = input.oldestFailureLast24h?.getTime() ?? now;

  let until = last + delayAfterFailure(input.consecutiveFailures) * 1000;
  if (input.failuresLast24h >= DAILY_FAILURE_CAP) until = Math.max(until, oldest + DAY_MS);

  if (now >= until) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) };
}
