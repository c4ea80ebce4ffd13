// private_key_jwt (RFC 7523): the client signs an assertion with a private key
// whose public half is registered on its identity. Agents authenticate with
// their client id (cli_…); MCP servers, gateways and resources with their
// identity id. Every rule below has its own error text, because a client
// developer reads it. lib/oauth/client-auth.ts decides which method applies.
import type { KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { env } from "@/lib/config/env";
import { ACCEPTED_ALGORITHMS, CLIENT_ASSERTION_TYPE, CLOCK_SKEW_SECONDS, ISSUER, MAX_ASSERTION_LIFETIME_SECONDS, TOKEN_ENDPOINT } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";
import { algorithmsFor } from "@/lib/oauth/jose-keys";
import { publicKeyObject, verifyCompactJws } from "@/lib/oauth/node-jws";
import { clientRecord, usableKeys, type ClientKey, type ClientRecord } from "@/lib/oauth/lookups";
import type { Form } from "@/lib/oauth/request";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";

export type AssertionResult = { client: ClientRecord; key: ClientKey; singleUse: SingleUseValue };

const refuse = (description: string) => new OAuthError("invalid_client", description);

function audiences(payload: JWTPayload): string[] {
  return typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
}

function checkClaims(payload: JWTPayload, now: number): void {
  const accepted = env().WARDEN_ASSERTION_AUD_TOKEN_ENDPOINT ? [ISSUER(), TOKEN_ENDPOINT()] : [ISSUER()];
  if (!audiences(payload).some((audience) => accepted.includes(audience))) {
    throw refuse(accepted.length > 1 ? `The client assertion's aud must be Warden's issuer identifier ${ISSUER()} or its token endpoint ${TOKEN_ENDPOINT()}` : `The client assertion's aud must be Warden's issuer identifier ${ISSUER()}`);
  }
  if (typeof payload.exp !== "number") throw refuse("The client assertion needs exp");
  if (payload.exp <= now) throw refuse("The client assertion has expired");
  for (const claim of ["iat", "nbf"] as const) {
    const value = payload[claim];
    if (value !== undefined && typeof value !== "number") throw refuse(`The client assertion's ${claim} must be a number`);
    if (typeof value === "number" && value > now + CLOCK_SKEW_SECONDS) throw refuse(`The client assertion's ${claim} is in the future (more than ${CLOCK_SKEW_SECONDS} s of clock skew)`);
  }
  const issuedAt = typeof payload.iat === "number" ? payload.iat : now;
  if (payload.exp - issuedAt > MAX_ASSERTION_LIFETIME_SECONDS) throw refuse(`The client assertion's exp is more than ${MAX_ASSERTION_LIFETIME_SECONDS} s after its iat`);
  if (typeof payload.jti !== "string" || payload.jti.length === 0 || payload.jti.length > 256 || payload.jti.includes("\u0000")) throw refuse("The client assertion needs a jti (a unique id, at most 256 characters, without NUL)");
}

/** Verifies the form's client_assertion (the caller saw client_assertion or client_assertion_type in it). */
export async function verifyClientAssertion(form: Form, now: number): Promise<AssertionResult> {
  const assertionType = form.get("client_assertion_type");
  const assertion = form.get("client_assertion");
  if (!assertion || !assertionType) throw refuse("Authenticate with private_key_jwt: send client_assertion_type and client_assertion");
  if (assertionType !== CLIENT_ASSERTION_TYPE) throw refuse(`client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);

  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    throw refuse("The client assertion is not a JWT");
  }
  if (typeof header.alg !== "string" || !ACCEPTED_ALGORITHMS.includes(header.alg)) {
    throw refuse(`The client assertion's alg ${String(header.alg)} is not accepted; use one of ${ACCEPTED_ALGORITHMS.join(", ")}`);
  }
  if (typeof claims.iss !== "string" || claims.iss.length === 0) throw refuse("The client assertion needs iss (the client id)");
  if (claims.sub !== claims.iss) throw refuse("The client assertion's sub must equal its iss (the client id)");
  const formClientId = form.get("client_id");
  if (formClientId !== undefined && formClientId !== claims.iss) throw refuse("client_id does not match the client assertion's iss");

  const client = await clientRecord(claims.iss);
  if (!client) throw refuse("Unknown client");
  const nowDate = new Date(now * 1000);
  const keys = usableKeys(client, nowDate);
  const candidates = typeof header.kid === "string" ? keys.filter((key) => key.kid === header.kid) : keys;
  if (candidates.length === 0) {
    // a suspended or revoked client usually lost its keys with it: say why, since nothing can verify
    if (client.status !== "active") throw refuse(`The client is ${client.status}`);
    throw refuse(typeof header.kid === "string" ? `The client has no active key with kid ${header.kid}` : "The client has no active keys");
  }

  let verified: ClientKey | null = null;
  for (const key of candidates) {
    const jwk = key.publicJwk as JWK;
    if (!algorithmsFor(jwk).includes(header.alg)) continue;
    let publicKey: KeyObject;
    try {
      publicKey = publicKeyObject(key.thumbprint, jwk);
    } catch {
      continue;
    }
    if (await verifyCompactJws(assertion, header, publicKey, header.alg)) {
      verified = key;
      break;
    }
  }
  if (!verified) throw refuse("The client assertion's signature does not verify with any active key of the client");
  // only a holder of the client's key learns its status
  if (client.status !== "active") throw refuse(`The client is ${client.status}`);
  checkClaims(claims, now);
  return { client, key: verified, singleUse: { key: `assertion:${claims.iss}:${claims.jti}`, expiresAtMs: (claims.exp! + CLOCK_SKEW_SECONDS) * 1000 } };
}
