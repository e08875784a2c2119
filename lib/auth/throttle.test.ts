import {
  DAILY_FAILURE_CAP,
  delayAfterFailure,
  FIRST_DELAY_SECONDS,
  FIRST_DELAYED_FAILURE,
  loginThrottle,
  MAX_DELAY_SECONDS,
} from "@/lib/auth/throttle";

const now = new Date("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const HOUR = 3600;
const DAY = 24 * HOUR;

function throttle(consecutiveFailures: number, lastFailureSecondsAgo: number, daily?: { count: number; oldestSecondsAgo: number }) {
  return loginThrottle({
    consecutiveFailures,
    lastFailureAt: consecutiveFailures > 0 ? ago(lastFailureSecondsAgo) : null,
    failuresLast24h: daily?.count ?? consecutiveFailures,
    oldestFailureLast24h: daily ? ago(daily.oldestSecondsAgo) : consecutiveFailures > 0 ? ago(lastFailureSecondsAgo) : null,
    now,
  });
}

describe("constants", () => {
  it("follow the CNIL thresholds", () => {
    expect(FIRST_DELAYED_FAILURE).toBe(5);
    expect(DAILY_FAILURE_CAP).toBe(25);
    expect(FIRST_DELAY_SECONDS).toBe(60);
  });
});

describe("consecutive failures", () => {
  it("lets anyone in without failures", () => {
    expect(throttle(0, 0)).toEqual({ allowed: true });
  });

  it("adds no delay up to four failures, even right after the last one", () => {
    expect(throttle(1, 0)).toEqual({ allowed: true });
    expect(throttle(4, 0)).toEqual({ allowed: true });
  });

  it("makes the attempt after the fifth failure wait one minute", () => {
    expect(throttle(5, 0)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(throttle(5, 59)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle(5, 60)).toEqual({ allowed: true });
  });

  it("rounds a partial second up", () => {
    const decision = loginThrottle({
      consecutiveFailures: 5,
      lastFailureAt: new Date(now.getTime() - 59_500),
      failuresLast24h: 5,
      oldestFailureLast24h: ago(HOUR),
      now,
    });
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("doubles the delay with each further failure", () => {
    expect(throttle(6, 0)).toEqual({ allowed: false, retryAfterSeconds: 120 });
    expect(throttle(6, 119)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle(6, 120)).toEqual({ allowed: true });
    expect(throttle(7, 0)).toEqual({ allowed: false, retryAfterSeconds: 240 });
    expect(throttle(7, 240)).toEqual({ allowed: true });
  });

  it("caps a single delay at 24 hours", () => {
    expect(delayAfterFailure(4)).toBe(0);
    expect(delayAfterFailure(5)).toBe(60);
    expect(delayAfterFailure(15)).toBe(60 * 1024);
    expect(delayAfterFailure(16)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfterFailure(1000)).toBe(MAX_DELAY_SECONDS);
    expect(MAX_DELAY_SECONDS).toBe(DAY);
  });

  it("waits when a count has no date, rather than letting the attempt through", () => {
    expect(
      loginThrottle({ consecutiveFailures: 5, lastFailureAt: null, failuresLast24h: 5, oldestFailureLast24h: null, now }),
    ).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});

describe("daily cap", () => {
  it("allows 24 failures in a day once the consecutive delay is over", () => {
    // A success in between reset the consecutive count: only the daily count is high.
    expect(throttle(2, 10, { count: 24, oldestSecondsAgo: 2 * HOUR })).toEqual({ allowed: true });
  });

  it("refuses from 25 failures until the oldest one is 24 hours old", () => {
    expect(throttle(2, 10, { count: 25, oldestSecondsAgo: 2 * HOUR })).toEqual({
      allowed: false,
      retryAfterSeconds: 22 * HOUR,
    });
    expect(throttle(2, 10, { count: 30, oldestSecondsAgo: DAY - 1 })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle(2, 10, { count: 25, oldestSecondsAgo: DAY })).toEqual({ allowed: true });
  });

  it("keeps the longer of the two waits", () => {
    // 25 consecutive failures: the doubling delay is already a full day after the last one.
    expect(throttle(25, 10, { count: 25, oldestSecondsAgo: 3 * HOUR })).toEqual({
      allowed: false,
      retryAfterSeconds: DAY - 10,
    });
    // The daily cap outlasts a one-minute delay.
    expect(throttle(5, 0, { count: 25, oldestSecondsAgo: 20 * HOUR })).toEqual({
      allowed: false,
      retryAfterSeconds: 4 * HOUR,
    });
  });
});
