// A Client Attestation JWT as evidence at key registration: it must verify
// against an active, unexpired trusted attester (verify-attestation.ts), show
// the key as hardware-bound by that attester's hardwareClaims, name this
// identity (sub: its client id; the identity id for non-agents) and bind one of
// the submitted keys (cnf.jwk, compared by RFC 7638 thumbprint). That key is
// then registered with protection "hardware" and the attester recorded.
import { invalid } from "@/lib/errors/app-error";
import { verifyAttestation } from "@/lib/oauth/attestation/verify-attestation";
import { OAuthError } from "@/lib/oauth/errors";

export type KeyEvidence = { attesterId: string; attesterName: string; instanceJkt: string; subject: string };

/** Verifies the attestation (outside any transaction: it reads the attester through the policy cache). */
export async function attestationEvidence(jwt: string, now: Date): Promise<KeyEvidence> {
  let verified: Awaited<ReturnType<typeof verifyAttestation>>;
  try {
    verified = await verifyAttestation(jwt, Math.floor(now.getTime() / 1000));
  } catch (error) {
    if (error instanceof OAuthError) throw invalid(`The attestation is not accepted: ${error.description}`, [{ path: "attestation", message: error.description }]);
    throw error;
  }
  if (!verified.hardware) {
    const expected = Object.entries(verified.attester.hardwareClaims).map(([claim, values]) => `${claim} ∈ {${values.join(", ")}}`).join(", ");
    throw invalid("The attestation does not show the key as hardware-bound", [{ path: "attestation", message: `attester ${verified.attester.name} calls a key hardware-bound when ${expected}` }]);
  }
  return { attesterId: verified.attester.id, attesterName: verified.attester.name, instanceJkt: verified.instanceJkt, subject: verified.subject };
}

/** The index (in the submission) of the key the evidence binds; refuses evidence about another identity or key. */
export function attestedKeyIndex(evidence: KeyEvidence, identity: { id: string; clientId: string | null }, keys: { index: number; thumbprint: string }[]): number {
  const subject = identity.clientId ?? identity.id;
  if (evidence.subject !== subject) throw invalid("The attestation is about another client", [{ path: "attestation", message: `its sub must be ${subject}` }]);
  const key = keys.find((candidate) => candidate.thumbprint === evidence.instanceJkt);
  if (!key) throw invalid("The attestation binds another key", [{ path: "attestation", message: "its cnf.jwk is none of the submitted keys" }]);
  return key.index;
}
