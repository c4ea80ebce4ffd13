// The outbound guard's settings from the environment: the address policy and
// the limits. Read on each use (parsed once per environment), so tests and the
// CLI that change the environment get the new policy without a restart.
import { env, type Env } from "@/lib/config/env";
import { buildPolicy, type OutboundPolicy } from "@/lib/http/outbound/policy";

export type OutboundLimits = { timeoutMs: number; maxBytes: number };

const policies = new WeakMap<Env, OutboundPolicy>();

/** Loopback and private networks are contacted outside production unless WARDEN_OUTBOUND_ALLOW_PRIVATE says otherwise. */
export function outboundPolicy(e: Env = env()): OutboundPolicy {
  let policy = policies.get(e);
  if (!policy) {
    policy = buildPolicy({
      allow: e.WARDEN_OUTBOUND_ALLOW,
      deny: e.WARDEN_OUTBOUND_DENY,
      allowPrivate: e.WARDEN_OUTBOUND_ALLOW_PRIVATE ?? e.WARDEN_ENV !== "production",
    });
    policies.set(e, policy);
  }
  return policy;
}

export function outboundLimits(e: Env = env()): OutboundLimits {
  return { timeoutMs: e.WARDEN_OUTBOUND_TIMEOUT_MS, maxBytes: e.WARDEN_OUTBOUND_MAX_BYTES };
}
