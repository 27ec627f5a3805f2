/**
 * Sliding-window counter maths, pure (unit-tested with an injected clock in
 * lib/rate-limit/window.test.ts): the current fixed window's count plus the previous window's
 * count weighted by how much of it still overlaps the sliding window.
 */
export interface WindowPosition {
  /** Start of the fixed window `now` falls in (ms since the epoch). */
  windowStart: number;
  /** Start of the window before it. */
  previousStart: number;
  /** When a window's row is no longer needed: once it cannot be anyone's previous window. */
  expiresAt: number;
}

export function windowPosition(nowMs: number, windowSeconds: number): WindowPosition {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  return { windowStart, previousStart: windowStart - windowMs, expiresAt: windowStart + 2 * windowMs };
}

export interface Decision {
  allowed: boolean;
  /** Whole seconds until an attempt would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Decides one attempt. `current` is the current window's count INCLUDING this attempt,
 * `previous` the previous window's count. The sliding estimate is
 * previous × (share of the previous window still inside the sliding window) + current.
 */
export function decide(input: { nowMs: number; limit: number; windowSeconds: number; current: number; previous: number }): Decision {
  const { nowMs, limit, windowSeconds, current, previous } = input;
  const windowMs = windowSeconds * 1000;
  const { windowStart } = windowPosition(nowMs, windowSeconds);
  const elapsed = nowMs - windowStart;
  const estimate = (previous * (windowMs - elapsed)) / windowMs + current;
  if (estimate <= limit) return { allowed: true, retryAfterSeconds: 0 };

  // When would one more attempt fit, if nobody tries meanwhile? Still in this window, once
  // enough of the previous window has slid out: previous × (windowMs − e) / windowMs + current + 1 ≤ limit.
  let waitMs: number;
  const room = limit - current - 1;
  if (room >= 0 && previous > 0) {
    const neededElapsed = windowMs - (room * windowMs) / previous;
    waitMs = Math.max(0, neededElapsed - elapsed);
  } else {
    // Otherwise in the next window, where this window becomes the weighted previous one:
    // current × (windowMs − e) / windowMs + 1 ≤ limit.
    const intoNext = current > 0 ? Math.max(0, windowMs - ((limit - 1) * windowMs) / current) : 0;
    waitMs = windowMs - elapsed + intoNext;
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** The limit after RATE_LIMITS' `scale`; never below 1. */
export function scaledLimit(limit: number, scale: number): number {
  return Math.max(1, Math.floor(limit * scale));
}
