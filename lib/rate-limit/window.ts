// The arithmetic of Warden's rate limits, free of I/O. A limit is "N requests
// per window" for one key (an endpoint, a kind and a caller). The window is
// fixed and starts at the key's first request after the previous window ended;
// the database holds, per key, the count so far and when the window ends
// (lib/rate-limit/count-hits.ts). Requests counted together get consecutive
// positions; a request whose position is past the limit is refused until the
// window ends, and the first such request of a window is the one audited.

/** A configured limit; null means the limit is off. */
export type RateLimit = { limit: number; windowSeconds: number };

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;
export const MAX_WINDOW_SECONDS = 24 * 3600;
export const MAX_LIMIT = 1_000_000_000;

/**
 * Parses a setting: `0` or `off` (no limit), `N` (N per `defaultWindowSeconds`),
 * or `N/<duration>` with a duration such as `30s`, `1m`, `15m`, `1h`.
 * Returns a message naming what is wrong instead of throwing.
 */
export function parseRateLimit(text: string, defaultWindowSeconds: number): RateLimit | null | { problem: string } {
  const value = text.trim().toLowerCase();
  if (value === "0" || value === "off") return null;
  const match = /^(\d+)(?:\/(\d+)([smh]))?$/.exec(value);
  if (!match) return { problem: 'must be 0 or off, a number of requests (e.g. 600), or requests per window (e.g. 600/1m, 10/15m, 1000/1h)' };
  const limit = Number(match[1]);
  const windowSeconds = match[2] === undefined ? defaultWindowSeconds : Number(match[2]) * UNIT_SECONDS[match[3] as keyof typeof UNIT_SECONDS];
  if (limit === 0) return null;
  if (limit > MAX_LIMIT) return { problem: `the number of requests must be at most ${MAX_LIMIT}` };
  if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) return { problem: "the window must be between 1s and 24h" };
  return { limit, windowSeconds };
}

/** How a counted request fares: `position` is its place in the key's window (1 = first). */
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

export function verdict(position: number, limit: number, resetAtMs: number, nowMs: number): Verdict {
  if (position <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(resetAtMs, nowMs), firstRefusal: position === limit + 1 };
}

/** Whole seconds until the window ends (Retry-After), at least 1: a client that waits that long is counted in a new window. */
export function retryAfterSeconds(resetAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000));
}

/**
 * The positions of `hits` requests counted together, given the key's count
 * after adding them (the database's answer): the last `hits` places up to it.
 */
export function positions(countAfter: number, hits: number): number[] {
  const first = countAfter - hits + 1;
  return Array.from({ length: hits }, (_, index) => first + index);
}

/**
 * The state after counting `hits` requests at `nowMs` — what the upsert in
 * count-hits.ts computes in SQL, written out here so it can be tested alone:
 * a window that has ended (or none yet) starts again at `nowMs`.
 */
export function nextWindow(current: { count: number; resetAtMs: number } | null, hits: number, nowMs: number, windowSeconds: number): { count: number; resetAtMs: number } {
  if (!current || current.resetAtMs <= nowMs) return { count: hits, resetAtMs: nowMs + windowSeconds * 1000 };
  return { count: current.count + hits, resetAtMs: current.resetAtMs };
}
