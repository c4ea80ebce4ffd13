// Part 2 of `npm run bench -- policy`: compile time and size of policy
// bundles, in this process on the seeded database. For each view (a gateway
// that fronts every server, one that fronts a single server):
// - compileBundle (lib/policy/bundle/compile.ts): the queries and assembly of
//   the document, --compile-runs times after a cold compile and signing, each
//   with the in-memory caches dropped;
// - signedBundle (lib/policy/bundle/signed-bundle.ts) with Warden's bundle
//   caches dropped first, so every call compiles, serialises (canonical JSON),
//   signs (ES256 compact JWS) and hashes the ETag: what Warden does once per
//   view and revision;
// - the sizes: canonical JSON, the JWS, and the JWS gzipped (Warden serves it
//   uncompressed); the JWS is verified as a gateway would (verifyPolicyBundle)
//   and its contents counted against what was seeded.
import zlib from "node:zlib";
import { canonicalJson } from "@/lib/audit/hash";
import { verifyPolicyBundle } from "@/lib/gateway/verify-bundle";
import { ISSUER } from "@/lib/oauth/config";
import { compileBundle, viewOf } from "@/lib/policy/bundle/compile";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import { signedBundle } from "@/lib/policy/bundle/signed-bundle";
import { keyStore } from "@/lib/signing-keys/key-store";
import { BenchError, fmt, kib, percentile } from "@/scripts/bench/policy/common";

export type CompileCase = { name: string; identityId: string; expect: { servers: number; grants: number; agents?: number } };

export type CompileResult = {
  name: string;
  /** set when the bundle could not be compiled or signed: the other fields are empty */
  error?: string;
  coldMs: number;
  compileMs: number[];
  signedMs: number[];
  serialiseMs: number;
  jsonBytes: number;
  jwsBytes: number;
  gzipBytes: number;
  counts: { servers: number; tools: number; agents: number; grants: number; revokedIdentities: number; revokedGrants: number };
};

const median = (values: number[]) => percentile(values, 50);

/** Drops Warden's in-memory bundle caches (data loaded per server set, signed bundles per view), so the next call starts from the database. */
function cold(): void {
  for (const name of ["warden.bundleData", "warden.signedBundles"]) delete (globalThis as Record<symbol, unknown>)[Symbol.for(name)];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

export async function measureCompile(cases: CompileCase[], runs: number): Promise<CompileResult[]> {
  const results: CompileResult[] = [];
  for (const item of cases) {
    const view = await viewOf(item.identityId);
    if (!view) throw new BenchError(`${item.name}: ${item.identityId} has no bundle view (not an active gateway?)`);
    let coldMs: number;
    try {
      // the first signing creates Warden's signing keys when there are none (a revision of its own)
      coldMs = (await timed(() => signedBundle(view, Number.MAX_SAFE_INTEGER)))[1];
    } catch (error) {
      // Warden would answer this gateway 500: reported, and the benchmark fails
      const message = (error as Error).message.trim().split("\n").filter(Boolean).at(-1) ?? String(error);
      console.log(`    ${item.name.padEnd(26)} FAILED to compile: ${message}`);
      results.push({ name: item.name, error: message, coldMs: 0, compileMs: [], signedMs: [], serialiseMs: 0, jsonBytes: 0, jwsBytes: 0, gzipBytes: 0, counts: { servers: 0, tools: 0, agents: 0, grants: 0, revokedIdentities: 0, revokedGrants: 0 } });
      continue;
    }
    const compileMs: number[] = [];
    let document: PolicyBundle | null = null;
    for (let run = 0; run < runs; run += 1) {
      cold();
      const [compiled, ms] = await timed(() => compileBundle(view));
      compileMs.push(ms);
      document = compiled;
    }
    const [payload, serialiseMs] = await timed(async () => canonicalJson(document));
    const signedMs: number[] = [];
    let jws = "";
    for (let run = 0; run < runs; run += 1) {
      // nothing cached: compiles, serialises and signs every time
      cold();
      const [signed, ms] = await timed(() => signedBundle(view, Number.MAX_SAFE_INTEGER));
      signedMs.push(ms);
      jws = signed.jws;
    }
    const jwks = JSON.parse((await keyStore()).jwks.body) as { keys: [] };
    let bundle: PolicyBundle;
    try {
      bundle = await verifyPolicyBundle(jws, { jwks, issuer: ISSUER(), audience: view.audience });
    } catch (error) {
      throw new BenchError(`${item.name}: the signed bundle does not verify: ${(error as Error).message}`);
    }
    const counts = {
      servers: bundle.servers.length,
      tools: bundle.servers.reduce((sum, server) => sum + server.tools.length, 0),
      agents: bundle.agents.length,
      grants: bundle.grants.length,
      revokedIdentities: bundle.revoked.identities.length,
      revokedGrants: bundle.revoked.grants.length,
    };
    if (counts.servers !== item.expect.servers || counts.grants !== item.expect.grants || (item.expect.agents !== undefined && counts.agents !== item.expect.agents)) {
      throw new BenchError(`${item.name}: the bundle lists ${counts.servers} servers, ${counts.grants} grants, ${counts.agents} agents; expected ${JSON.stringify(item.expect)}`);
    }
    const result: CompileResult = {
      name: item.name,
      coldMs,
      compileMs,
      signedMs,
      serialiseMs,
      jsonBytes: Buffer.byteLength(payload),
      jwsBytes: Buffer.byteLength(jws),
      gzipBytes: zlib.gzipSync(jws).length,
      counts,
    };
    console.log(
      `    ${item.name.padEnd(26)} compile ${fmt(median(compileMs), 0).padStart(6)} ms (max ${fmt(Math.max(...compileMs), 0)})  ` +
        `compile+sign ${fmt(median(signedMs), 0).padStart(6)} ms (max ${fmt(Math.max(...signedMs), 0)}, cold ${fmt(coldMs, 0)})  JSON ${kib(result.jsonBytes)}, JWS ${kib(result.jwsBytes)}, gzip ${kib(result.gzipBytes)}`,
    );
    console.log(`      ${counts.servers} servers, ${counts.tools} tools, ${counts.agents} agents, ${counts.grants} grants, ${counts.revokedIdentities} revoked identities, ${counts.revokedGrants} revoked grants; canonical JSON alone ${fmt(serialiseMs)} ms`);
    results.push(result);
  }
  return results;
}
