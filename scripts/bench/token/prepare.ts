// The agent's key and the signed material of token requests: a client assertion
// (private_key_jwt, RFC 7523) and a DPoP proof (RFC 9449) per request, all
// signed ES256 with the agent's key. Requests are prepared before a timed run,
// so signing never competes with the server being measured.
import crypto from "node:crypto";
import http from "node:http";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type AgentKey = { privateKey: CryptoKey; publicJwk: JWK; thumbprint: string };

/** What a token request needs to know about the server it goes to. */
export type Target = {
  name: string;
  port: number;
  /** the issuer identifier; client assertions are addressed to it */
  issuer: string;
  /** the token endpoint's URL as the server knows it (DPoP htu) */
  tokenEndpoint: string;
  clientId: string;
  resource: string;
  scope: string;
};

/** Prepared requests: bodies[i] goes with proofs[i]. */
export type Prepared = { bodies: string[]; proofs: string[] };

export async function createAgentKey(): Promise<AgentKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const exported = await exportJWK(publicKey);
  const bare: JWK = { kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y };
  const thumbprint = await calculateJwkThumbprint(bare);
  return { privateKey, publicJwk: { ...bare, kid: thumbprint, alg: "ES256", use: "sig" }, thumbprint };
}

function bareJwk(key: AgentKey): JWK {
  const { kty, crv, x, y } = key.publicJwk;
  return { kty, crv, x, y };
}

const jti = () => crypto.randomBytes(16).toString("base64url");

export function clientAssertion(key: AgentKey, target: Target, now: number): Promise<string> {
  return new SignJWT({ jti: jti() })
    .setProtectedHeader({ alg: "ES256", kid: key.publicJwk.kid })
    .setIssuer(target.clientId)
    .setSubject(target.clientId)
    .setAudience(target.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(key.privateKey);
}

export function dpopProof(key: AgentKey, target: Target, now: number, nonce?: string): Promise<string> {
  return new SignJWT({ jti: jti(), htm: "POST", htu: target.tokenEndpoint, ...(nonce ? { nonce } : {}) })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: bareJwk(key) })
    .setIssuedAt(now)
    .sign(key.privateKey);
}

export function tokenRequestBody(target: Target, assertion: string): string {
  return new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: assertion,
    resource: target.resource,
    scope: target.scope,
  }).toString();
}

/** The headers of every token request (the DPoP header is added per request). */
export function baseHeaders(target: Target): Record<string, string> {
  return { host: new URL(target.issuer).host, "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One token request over node:http, to 127.0.0.1 with the issuer's Host (fetch cannot set Host). */
export function postToken(target: Target, body: string, proof: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: target.port, method: "POST", path: new URL(target.tokenEndpoint).pathname, headers: { ...baseHeaders(target), dpop: proof, "content-length": Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export class BenchError extends Error {
  override name = "BenchError";
}

/** A fresh DPoP nonce: a proof without one is answered 400 use_dpop_nonce with a DPoP-Nonce header. */
export async function fetchNonce(key: AgentKey, target: Target): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const response = await postToken(target, tokenRequestBody(target, await clientAssertion(key, target, now)), await dpopProof(key, target, now));
  const nonce = response.headers["dpop-nonce"];
  const text = response.body;
  // Warden's console redirects unknown paths to /login
  if (response.status === 404 || (response.status >= 300 && response.status < 400)) {
    const where = response.headers.location ? ` (to ${response.headers.location})` : "";
    throw new BenchError(
      `${target.name} answered HTTP ${response.status}${where} at ${target.tokenEndpoint}: the token endpoint does not exist (yet). Run with --only oidc to measure node-oidc-provider alone.`,
    );
  }
  if (typeof nonce !== "string" || !nonce) {
    throw new BenchError(`${target.name} gave no DPoP-Nonce for a proof without a nonce (HTTP ${response.status}: ${text.slice(0, 300)}); the benchmark needs server-provided nonces.`);
  }
  if (response.status !== 400 && response.status !== 401) {
    throw new BenchError(`${target.name} answered HTTP ${response.status} to a proof without a nonce, expected 400 use_dpop_nonce: ${text.slice(0, 300)}`);
  }
  return nonce;
}

/** `count` requests with fresh assertions and proofs (unique jtis), bound to `nonce`. */
export async function prepareRequests(key: AgentKey, target: Target, nonce: string, count: number): Promise<Prepared> {
  const bodies = new Array<string>(count);
  const proofs = new Array<string>(count);
  const now = Math.floor(Date.now() / 1000);
  // batches keep WebCrypto's thread pool busy without holding every promise at once
  const BATCH = 256;
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    const work: Promise<void>[] = [];
    for (let i = start; i < end; i += 1) {
      work.push(
        Promise.all([clientAssertion(key, target, now), dpopProof(key, target, now, nonce)]).then(([assertion, proof]) => {
          bodies[i] = tokenRequestBody(target, assertion);
          proofs[i] = proof;
        }),
      );
    }
    await Promise.all(work);
  }
  return { bodies, proofs };
}
