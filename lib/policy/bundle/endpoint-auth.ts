// Who is asking for a policy bundle. Enforcement points (gateways and MCP
// servers) sign a short JWT with one of their registered keys and send it as
// `Authorization: Bearer <jwt>`: iss = sub = their identity id, aud = the URL
// of a policy endpoint (bundle, status or events), exp at most 300 s after iat. Unlike a token-endpoint client
// assertion it may be reused until it expires, because a gateway polls many
// times a minute and the endpoint must answer a poll with a map lookup, not a
// database write; the audience binds it to this endpoint, so a leaked one only
// reads that identity's own view until it expires. A verified JWT is cached
// until its exp; the identity's status and keys are re-checked on every request
// from the per-revision lookups (lib/oauth/lookups.ts), so suspending the
// gateway or revoking its key stops its cached JWTs within a poll interval.
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWK } from "jose";
import { ACCEPTED_ALGORITHMS, CLOCK_SKEW_SECONDS, MAX_ASSERTION_LIFETIME_SECONDS } from "@/lib/oauth/config";
import { algorithmsFor, importPublicKey } from "@/lib/oauth/jose-keys";
import { clientRecord, usableKeys } from "@/lib/oauth/lookups";
import { policyBundleEndpoint, policyEventsEndpoint, policyStatusEndpoint } from "@/lib/policy/bundle/paths";

export class BundleAuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** `issuer` is the id the JWT named (a client id for agents), used to look the identity up again */
type Verified = { issuer: string; kid: string; exp: number };
const MAX_CACHED = 10_000;
const slot = Symbol.for("warden.bundleAuth");
function cache(): Map<string, Verified> {
  const holder = globalThis as { [slot]?: Map<string, Verified> };
  return (holder[slot] ??= new Map());
}

const refuse = (message: string) => new BundleAuthError(401, message);

async function verify(jwt: string, now: number): Promise<Verified> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(jwt);
    claims = decodeJwt(jwt);
  } catch {
    throw refuse("The bearer credential is not a JWT");
  }
  if (typeof header.alg !== "string" || !ACCEPTED_ALGORITHMS.includes(header.alg)) throw refuse(`alg ${String(header.alg)} is not accepted`);
  if (typeof claims.iss !== "string" || claims.sub !== claims.iss) throw refuse("iss and sub must both be the enforcement point's identity id");
  const audiences = typeof claims.aud === "string" ? [claims.aud] : (claims.aud ?? []);
  const accepted = [policyBundleEndpoint(), policyStatusEndpoint(), policyEventsEndpoint()];
  if (!audiences.some((audience) => accepted.includes(audience))) throw refuse(`aud must be ${accepted.join(" or ")}`);
  if (typeof claims.exp !== "number" || claims.exp <= now) throw refuse("The JWT has expired or has no exp");
  const issuedAt = typeof claims.iat === "number" ? claims.iat : null;
  if (issuedAt === null || issuedAt > now + CLOCK_SKEW_SECONDS) throw refuse("The JWT needs an iat that is not in the future");
  if (claims.exp - issuedAt > MAX_ASSERTION_LIFETIME_SECONDS) throw refuse(`exp may be at most ${MAX_ASSERTION_LIFETIME_SECONDS} s after iat`);
  const client = await clientRecord(claims.iss);
  if (!client) throw refuse("Unknown identity");
  const candidates = usableKeys(client, new Date(now * 1000)).filter((key) => typeof header.kid !== "string" || key.kid === header.kid);
  for (const key of candidates) {
    const jwk = key.publicJwk as JWK;
    if (!algorithmsFor(jwk).includes(header.alg)) continue;
    try {
      await compactVerify(jwt, await importPublicKey(key.thumbprint, jwk, header.alg), { algorithms: [header.alg] });
      return { issuer: claims.iss, kid: key.kid, exp: claims.exp };
    } catch {
      // the next key
    }
  }
  throw refuse("The signature does not verify with any active key of the identity");
}

export type AuthenticatedPoint = {
  identityId: string;
  /** until when this answer holds as long as the policy does not change: the JWT's exp, or its key's expiry or end of retirement if sooner */
  validUntilMs: number;
};

/** The enforcement point's identity id, from `Authorization: Bearer <jwt>` (for the policy endpoints). */
export async function authenticateEnforcementPoint(authorization: string | null, now = Math.floor(Date.now() / 1000)): Promise<string> {
  return (await authenticatePoint(authorization, now)).identityId;
}

export async function authenticatePoint(authorization: string | null, now = Math.floor(Date.now() / 1000)): Promise<AuthenticatedPoint> {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) throw refuse("Send Authorization: Bearer <a JWT signed with the gateway's or server's key>");
  const jwt = match[1]!;
  const verified = cache();
  let entry = verified.get(jwt);
  if (entry && entry.exp <= now) {
    verified.delete(jwt);
    entry = undefined;
  }
  if (!entry) {
    entry = await verify(jwt, now);
    if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value!);
    verified.set(jwt, entry);
  }
  // cached or not: the identity must still be active with that key
  const client = await clientRecord(entry.issuer);
  const key = client ? usableKeys(client, new Date(now * 1000)).find((candidate) => candidate.kid === entry.kid) : undefined;
  if (!client || !key) {
    verified.delete(jwt);
    throw refuse("The key that signed this JWT is no longer active");
  }
  if (client.status !== "active") throw new BundleAuthError(403, `The identity is ${client.status}`);
  if (client.kind !== "gateway" && client.kind !== "server") throw new BundleAuthError(403, "Only gateways and MCP servers receive policy bundles");
  const limits = [entry.exp * 1000, key.expiresAt?.getTime(), key.status === "active" ? undefined : key.retiringUntil?.getTime()].filter((value): value is number => typeof value === "number");
  return { identityId: client.id, validUntilMs: Math.min(...limits) };
}
