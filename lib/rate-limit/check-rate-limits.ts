// Checks a request against its endpoint's rate limits: each limit counts the
// request against one key — the endpoint, what the key is (per client, per IP
// address, per email) and the caller's value — in the database
// (count-hits.ts), so every instance counts into the same windows. Limits come
// from the WARDEN_RATE_LIMIT_* settings (docs/security.md, "Rate limits").
// When counting fails (the database is unreachable), the request is let
// through and the failure logged: a rate limit sheds load, it decides no
// access, and the endpoint's own database work fails on its own.
import { env, type Env } from "@/lib/config/env";
import { logger } from "@/lib/log";
import { countRateLimited } from "@/lib/metrics/rate-limits";
import { countHit } from "@/lib/rate-limit/count-hits";
import { verdict, type RateLimit } from "@/lib/rate-limit/window";

export type LimitedEndpoint = "token" | "introspection" | "revocation" | "events" | "status" | "sign_in";
export type LimitPer = "client" | "ip" | "email";

/** The environment settings that hold a rate limit. */
type RateLimitSetting = { [Name in keyof Env]: Env[Name] extends RateLimit | null ? Name : never }[keyof Env];

const SETTINGS: Record<LimitedEndpoint, Partial<Record<LimitPer, RateLimitSetting>>> = {
  token: { client: "WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT", ip: "WARDEN_RATE_LIMIT_TOKEN_PER_IP" },
  // introspection and revocation share their settings; each endpoint counts on its own
  introspection: { client: "WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT", ip: "WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP" },
  revocation: { client: "WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT", ip: "WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP" },
  // the enforcement points' event batches and status reports, likewise
  events: { client: "WARDEN_RATE_LIMIT_INGEST_PER_CLIENT", ip: "WARDEN_RATE_LIMIT_INGEST_PER_IP" },
  status: { client: "WARDEN_RATE_LIMIT_INGEST_PER_CLIENT", ip: "WARDEN_RATE_LIMIT_INGEST_PER_IP" },
  sign_in: { email: "WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL", ip: "WARDEN_RATE_LIMIT_SIGN_IN_PER_IP" },
};

/** The configured limit of `endpoint` per `per`; null when it is off. */
export function rateLimitOf(endpoint: LimitedEndpoint, per: LimitPer, e: Env = env()): RateLimit | null {
  const setting = SETTINGS[endpoint][per];
  return setting ? e[setting] : null;
}

export type RateLimitRefusal = {
  endpoint: LimitedEndpoint;
  per: LimitPer;
  limit: number;
  windowSeconds: number;
  retryAfterSeconds: number;
  /** the first refused request of this key's window (across instances): the one worth an audit event */
  firstRefusal: boolean;
};

export type Caller = { per: LimitPer; id: string | null | undefined };

/**
 * Counts the request against each caller key whose limit is on (a missing id,
 * such as an unknown IP address, is not counted) and returns the refusal with
 * the longest wait, or null when every limit allows it. The keys are counted
 * in one statement.
 */
export async function checkRateLimits(endpoint: LimitedEndpoint, callers: Caller[]): Promise<RateLimitRefusal | null> {
  const checks = callers.flatMap(({ per, id }) => {
    const limit = id ? rateLimitOf(endpoint, per) : null;
    return limit ? [{ per, limit, hit: countHit(`${endpoint}:${per}:${id}`, limit.windowSeconds) }] : [];
  });
  const counted = await Promise.allSettled(checks.map((check) => check.hit));
  const refusals: RateLimitRefusal[] = [];
  for (const [index, { per, limit }] of checks.entries()) {
    const result = counted[index]!;
    if (result.status === "rejected") {
      logger().warn({ err: result.reason, endpoint, per }, "could not count a request against its rate limit; letting it through");
      continue;
    }
    const outcome = verdict(result.value.position, limit.limit, result.value.resetAtMs, result.value.nowMs);
    if (outcome.allowed) continue;
    countRateLimited(endpoint, per);
    refusals.push({ endpoint, per, limit: limit.limit, windowSeconds: limit.windowSeconds, retryAfterSeconds: outcome.retryAfterSeconds, firstRefusal: outcome.firstRefusal });
  }
  if (refusals.length === 0) return null;
  const longest = refusals.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
  return { ...longest, firstRefusal: refusals.some((refusal) => refusal.firstRefusal) };
}

/** The refusal in words, for error descriptions: which limit, and when to retry. */
export function describeLimit(refusal: RateLimitRefusal): string {
  const who = refusal.per === "client" ? "this client" : refusal.per === "email" ? "this account name" : "this address";
  return `Too many requests from ${who}: at most ${refusal.limit} per ${refusal.windowSeconds} s. Retry after ${refusal.retryAfterSeconds} s.`;
}
