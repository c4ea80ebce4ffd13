// Part 4 of `npm run bench -- policy`: revocation propagation. Every fleet
// gateway (its own identity and key, all fronting the fleet server) runs the
// SDK's PolicyBundleClient (lib/gateway/bundle-client.ts) in this process,
// long-polling Warden as a gateway would (discovery, JWKS, bearer JWT, 30 s
// polls, verification, status reports). The benchmark then revokes grants on
// the fleet server one at a time through the management API — the change
// happens in Warden's server process, as an admin's would — and records, for
// every (gateway, revocation), when onUpdate delivered a bundle whose
// revoked.grants lists it, measured from the revoke call returning.
import { PolicyBundleClient, type BundleError } from "@/lib/gateway/bundle-client";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import { BenchError, fmt, percentile, revokeGrant, sleep, type Gateway } from "@/scripts/bench/policy/common";

export type PropagationOptions = { port: number; issuer: string; gateways: Gateway[]; grantIds: string[]; apiToken: string; timeoutMs: number; pauseMs: number };

export type PropagationResult = {
  gateways: number;
  revocations: number;
  pairs: number;
  delivered: number;
  /** deliveries that came before the revoke call returned (counted as 0 ms from its return) */
  beforeReturn: number;
  fromReturn: { p50: number; p99: number; max: number };
  fromStart: { p50: number; p99: number; max: number };
  revokeMs: { p50: number; max: number };
  transportErrors: number;
};

type Pending = { grantId: string; delivered: Map<number, number> };

export async function measurePropagation(options: PropagationOptions): Promise<PropagationResult> {
  const rejected: BundleError[] = [];
  let transportErrors = 0;
  let pending: Pending | null = null;
  const clients = options.gateways.map(
    (gateway, index) =>
      new PolicyBundleClient({
        issuer: options.issuer,
        identityId: gateway.id,
        key: { privateKey: gateway.key.privateKey, kid: gateway.key.publicJwk.kid!, alg: "ES256" },
        onUpdate: (bundle: PolicyBundle) => {
          const now = performance.now();
          if (pending && !pending.delivered.has(index) && bundle.revoked.grants.includes(pending.grantId)) pending.delivered.set(index, now);
        },
        onError: (error) => {
          if (error.reason) rejected.push(error);
          else transportErrors += 1;
        },
      }),
  );
  try {
    await Promise.all(clients.map((client) => client.start()));
    const missing = clients.filter((client) => client.current() === null).length;
    if (missing) throw new BenchError(`${missing} of ${clients.length} bundle clients have no bundle after their first fetch: ${clients.find((c) => !c.current())?.status().errors.at(-1)?.message}`);
    // let every client's first long poll reach Warden
    await sleep(500);
    const fromReturn: number[] = [];
    const fromStart: number[] = [];
    const revokeMs: number[] = [];
    let beforeReturn = 0;
    let delivered = 0;
    for (const [round, grantId] of options.grantIds.entries()) {
      const current: Pending = { grantId, delivered: new Map() };
      pending = current;
      const { startedAt, returnedAt } = await revokeGrant(options.port, options.apiToken, grantId, `policy benchmark: propagation ${round + 1}`);
      revokeMs.push(returnedAt - startedAt);
      const deadline = performance.now() + options.timeoutMs;
      while (current.delivered.size < clients.length && performance.now() < deadline) await sleep(5);
      for (const at of current.delivered.values()) {
        if (at < returnedAt) beforeReturn += 1;
        fromReturn.push(Math.max(0, at - returnedAt));
        fromStart.push(at - startedAt);
      }
      delivered += current.delivered.size;
      const times = [...current.delivered.values()].map((at) => at - returnedAt);
      console.log(
        `    revocation ${String(round + 1).padStart(2)}: API ${fmt(returnedAt - startedAt).padStart(4)} ms; ${current.delivered.size}/${clients.length} gateways, ` +
          `last ${times.length ? fmt(Math.max(...times)) : "—"} ms after the call returned`,
      );
      if (rejected.length) throw new BenchError(`a bundle client refused a bundle: ${rejected[0]!.reason} ${rejected[0]!.message}`);
      pending = null;
      await sleep(options.pauseMs);
    }
    const summary = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });
    return {
      gateways: clients.length,
      revocations: options.grantIds.length,
      pairs: clients.length * options.grantIds.length,
      delivered,
      beforeReturn,
      fromReturn: summary(fromReturn),
      fromStart: summary(fromStart),
      revokeMs: { p50: percentile(revokeMs, 50), max: Math.max(...revokeMs) },
      transportErrors,
    };
  } finally {
    await Promise.all(clients.map((client) => client.stop()));
  }
}
