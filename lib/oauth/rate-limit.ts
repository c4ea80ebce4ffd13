// Rate limits of the OAuth endpoints (token, introspection, revocation): per
// IP address first, before the form is parsed, per client once the client
// has authenticated — so nobody can spend another client's allowance
// by naming its client_id. A refusal is 429 with `slow_down` (RFC 8628 §3.5:
// the client is asking too often; `temporarily_unavailable` would say Warden
// is overloaded, which it is not), Retry-After and no-store.
import { checkRateLimits, describeLimit, type LimitedEndpoint, type LimitPer, type RateLimitRefusal } from "@/lib/rate-limit/check-rate-limits";
import { OAuthError } from "@/lib/oauth/errors";

export class OAuthRateLimited extends OAuthError {
  constructor(readonly refusal: RateLimitRefusal) {
    super("slow_down", describeLimit(refusal), { "retry-after": String(refusal.retryAfterSeconds) });
  }
}

/** Counts the request against `endpoint`'s limit per `per`; throws OAuthRateLimited when it is over. */
export async function enforceOAuthRateLimit(endpoint: Extract<LimitedEndpoint, "token" | "introspection" | "revocation">, per: Extract<LimitPer, "client" | "ip">, id: string | null): Promise<void> {
  const refusal = await checkRateLimits(endpoint, [{ per, id }]);
  if (refusal) throw new OAuthRateLimited(refusal);
}
