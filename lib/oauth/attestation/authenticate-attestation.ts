// attest_jwt_client_auth (draft-ietf-oauth-attestation-based-client-auth-10,
// checked against the editor's copy of October 2026): the agent sends a Client
// Attestation JWT issued by a trusted attester (OAuth-Client-Attestation), which
// binds the agent instance's key (cnf.jwk) and may say where that key lives, and
// a PoP JWT signed with that key (OAuth-Client-Attestation-PoP). Steps: exactly
// one of each header → the attestation verifies against its trusted attester
// (verify-attestation.ts) → it names a known, active client (sub; client_id
// must match) → the PoP is signed by cnf.jwk → the PoP's claims (aud, jti, iat)
// → its jti is single-use (the token endpoint's group commit decides replays).
// Warden supports the PoP JWT ("normal mode"), not DPoP combined mode
// (attest_jwt_client_auth_dpop), and issues no attestation challenges.
//
// The attested instance key need not be a registered key of the agent (the
// draft's model: the attester vouches for the instance); when it is one, the
// result names it. The key is "hardware" only when the attester is active and
// unexpired (checked in verifyAttestation) and its hardwareClaims hold.
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { attestationRefusal, POP_MAX_AGE_SECONDS, readPopClaims } from "@/lib/oauth/attestation/claims";
import { verifyAttestation } from "@/lib/oauth/attestation/verify-attestation";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";
import { CLOCK_SKEW_SECONDS, ISSUER } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";
import { algorithmsFor, importPublicKey } from "@/lib/oauth/jose-keys";
import { clientRecord, usableKeys, type ClientKey, type ClientRecord } from "@/lib/oauth/lookups";
import type { Form, OAuthRequest } from "@/lib/oauth/request";

export type AttestationResult = {
  client: ClientRecord;
  /** the registered key the attested instance key is, when it is one */
  key: ClientKey | null;
  /** what the attestation says about where the instance key lives */
  keyProtection: "hardware" | "software";
  attesterId: string;
  /** RFC 7638 thumbprint of the attested instance key (cnf.jwk) */
  instanceJkt: string;
  singleUse: SingleUseValue[];
};

export const ATTESTATION_HEADER = "oauth-client-attestation";
export const ATTESTATION_POP_HEADER = "oauth-client-attestation-pop";

/** §7.1 / §7.2 step 1: precisely one header field holding one compact JWT (repeated fields arrive joined with ", "). */
function single(request: OAuthRequest, name: string, label: string): string {
  const value = request.header(name)?.trim();
  if (!value) {
    if (name === ATTESTATION_POP_HEADER && request.header("dpop")) {
      throw attestationRefusal("Warden does not support DPoP combined mode (attest_jwt_client_auth_dpop): send the PoP in an OAuth-Client-Attestation-PoP header");
    }
    throw attestationRefusal(`attest_jwt_client_auth needs both headers: ${label} is missing`);
  }
  if (value.includes(",") || value.split(".").length !== 3) throw attestationRefusal(`${label} must be exactly one compact JWT, sent once`);
  return value;
}

function decodePop(jwt: string): { header: ProtectedHeaderParameters; payload: JWTPayload } {
  try {
    return { header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) };
  } catch {
    throw attestationRefusal("The client attestation PoP is not a JWT");
  }
}

export async function authenticateWithAttestation(request: OAuthRequest, form: Form, now: number): Promise<AttestationResult> {
  const attestationJwt = single(request, ATTESTATION_HEADER, "OAuth-Client-Attestation");
  const popJwt = single(request, ATTESTATION_POP_HEADER, "OAuth-Client-Attestation-PoP");
  if (form.has("client_assertion") || form.has("client_assertion_type")) throw new OAuthError("invalid_request", "Use one client authentication method: client attestation headers or client_assertion, not both");

  const attestation = await verifyAttestation(attestationJwt, now);
  const clientId = attestation.subject;
  const formClientId = form.get("client_id");
  if (formClientId !== undefined && formClientId !== clientId) throw new OAuthError("invalid_client", "client_id does not match the client attestation's sub");
  const client = await clientRecord(clientId);
  if (!client) throw new OAuthError("invalid_client", "Unknown client (the client attestation's sub)");

  const { header, payload } = decodePop(popJwt);
  const pop = readPopClaims(header, payload, { audience: ISSUER(), clientId, now });
  if (!algorithmsFor(attestation.instanceJwk).includes(pop.alg)) throw attestationRefusal(`The client attestation PoP's alg ${pop.alg} does not fit the attested instance key (cnf.jwk)`);
  try {
    await compactVerify(popJwt, await importPublicKey(`instance:${attestation.instanceJkt}`, attestation.instanceJwk, pop.alg), { algorithms: [pop.alg] });
  } catch {
    throw attestationRefusal("The client attestation PoP is not signed by the attested instance key (cnf.jwk)");
  }
  // only a holder of an attested instance key learns the client's status
  if (client.status !== "active") throw new OAuthError("invalid_client", `The client is ${client.status}`);

  const key = usableKeys(client, new Date(now * 1000)).find((candidate) => candidate.thumbprint === attestation.instanceJkt) ?? null;
  return {
    client,
    key,
    keyProtection: attestation.hardware ? "hardware" : "software",
    attesterId: attestation.attester.id,
    instanceJkt: attestation.instanceJkt,
    singleUse: [{ key: `attestation-pop:${clientId}:${pop.jti}`, expiresAtMs: (Math.max(pop.issuedAt, now) + POP_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000 }],
  };
}
