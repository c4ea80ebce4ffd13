import "server-only";
// Adds public keys to an identity: one JWK or a JWK Set, optionally with proof
// of possession over a Warden challenge (required for production identities
// while the requireKeyProofInProduction setting is on). A key's RFC 7638
// thumbprint is unique across Warden, so one key can never speak for two
// identities; who holds the other one is not revealed. A Client Attestation JWT
// from a trusted attester may come along as evidence that one of the keys is
// hardware-bound (lib/oauth/attestation/key-evidence.ts): that key is stored
// with protection "hardware" and its attester. One audit event per key.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvents } from "@/lib/audit/append";
import { publicUrl } from "@/lib/config/env";
import { transact, type Tx } from "@/lib/db/transaction";
import { conflict, invalid, type FieldIssue } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { loadIdentityForNewKeys } from "@/lib/identities/keys/key-access";
import { challengeNonce, consumeKeyChallenge, verifyKeyProofs } from "@/lib/identities/keys/key-proof";
import { ATTESTER_OF_KEY, presentKey } from "@/lib/identities/keys/present";
import { ZAddKeysInput, type TAddKeysInput, type TKey } from "@/lib/identities/keys/schemas";
import { validatePublicKeys, type NormalizedKey } from "@/lib/identities/keys/validate-jwk";
import { attestationEvidence, attestedKeyIndex } from "@/lib/oauth/attestation/key-evidence";
import { readSettings } from "@/lib/settings/get-settings";

type ProofInput = { proofs?: Record<string, string>; challengeId?: string };

// Returns the indexes of the keys proven by a signed challenge.
async function provenKeys(tx: Tx, keys: NormalizedKey[], input: ProofInput, identityId: string, now: Date): Promise<Set<number>> {
  const { proofs, challengeId } = input;
  if (!proofs && !challengeId) return new Set();
  if (!challengeId) throw invalid("Proofs sign a challenge: send its challengeId", [{ path: "challengeId", message: "is required with proofs" }]);
  if (!proofs || Object.keys(proofs).length === 0) throw invalid("A challenge is used by signing it", [{ path: "proofs", message: "send a proof per key with challengeId" }]);
  // consumed first, so a spent or foreign challenge is the answer even when its proofs are valid
  await consumeKeyChallenge(tx, { challengeId, identityId, now });
  return verifyKeyProofs(keys, proofs, { nonce: challengeNonce(challengeId), audience: publicUrl(), now });
}

async function assertNewKeys(tx: Tx, identityId: string, keys: NormalizedKey[]): Promise<void> {
  // sequential: a transaction is one connection, and pg refuses overlapping queries on it
  const sameKid = await tx.identityKey.findMany({ where: { identityId, kid: { in: keys.map((key) => key.kid) } }, select: { kid: true } });
  const sameKey = await tx.identityKey.findMany({ where: { thumbprint: { in: keys.map((key) => key.thumbprint) } }, select: { thumbprint: true, identityId: true } });
  const issues: FieldIssue[] = [];
  let elsewhere = false;
  for (const key of keys) {
    const holder = sameKey.find((row) => row.thumbprint === key.thumbprint);
    if (holder && holder.identityId !== identityId) {
      elsewhere = true;
      issues.push({ path: key.path, message: "is already registered to another identity" });
    } else if (holder) issues.push({ path: key.path, message: "is already registered to this identity" });
    else if (sameKid.some((row) => row.kid === key.kid)) issues.push({ path: `${key.path}.kid`, message: "is already used by another key of this identity" });
  }
  if (issues.length === 0) return;
  throw conflict(elsewhere ? "This key is already registered to another identity" : "This identity already has a key with this kid or thumbprint", issues);
}

export async function addKeys(options: { actor: Actor; identityId: string; input: TAddKeysInput; context?: RequestContext | null; now?: Date }): Promise<{ items: TKey[] }> {
  const { actor, identityId, context } = options;
  const input = ZAddKeysInput.parse(options.input);
  const now = options.now ?? new Date();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);
  // verified before the transaction: the attester is read through the policy cache, outside it
  const evidence = input.attestation ? await attestationEvidence(input.attestation, now) : null;

  return transact(async (tx) => {
    const identity = await loadIdentityForNewKeys(tx, actor, identityId);
    const keys = await validatePublicKeys({ jwk: input.jwk, jwks: input.jwks });
    const proven = await provenKeys(tx, keys, input, identityId, now);
    const settings = await readSettings(tx);
    if (identity.environment === "production" && settings.requireKeyProofInProduction) {
      const unproven = keys.filter((key) => !proven.has(key.index));
      if (unproven.length > 0) {
        const issues = input.proofs ? unproven.map((key) => ({ path: `proofs.${key.kid}`, message: "is required: this production identity needs proof of possession for every key" })) : [{ path: "proofs", message: "are required for production identities: sign a key challenge with each private key" }];
        throw invalid("Keys of production identities need proof of possession", issues);
      }
    }
    await assertNewKeys(tx, identityId, keys);
    const attested = evidence ? attestedKeyIndex(evidence, identity, keys) : null;

    const rows = [];
    for (const key of keys) {
      rows.push(
        await tx.identityKey.create({
          data: {
            id: newId("key"),
            identityId,
            kid: key.kid,
            thumbprint: key.thumbprint,
            kty: key.kty,
            crv: key.crv,
            alg: key.alg,
            publicJwk: key.publicJwk,
            status: "active",
            proof: proven.has(key.index) ? "challenge" : "none",
            expiresAt,
            createdAt: now,
            createdById: actor.userId,
            ...(evidence && attested === key.index ? { protection: "hardware" as const, attesterId: evidence.attesterId, attestedAt: now } : {}),
          },
          include: ATTESTER_OF_KEY,
        }),
      );
    }
    await appendAuditEvents(
      tx,
      rows.map((row) => ({
        action: "key.added" as const,
        actor: actorRef(actor),
        target: { type: "identity", id: identityId },
        details: {
          keyId: row.id,
          kid: row.kid,
          thumbprint: row.thumbprint,
          alg: row.alg,
          proof: row.proof,
          expiresAt: expiresAt?.toISOString() ?? null,
          challengeId: input.challengeId ?? null,
          protection: row.protection,
          attesterId: row.attesterId,
        },
        context,
        at: now,
      })),
    );
    return { items: rows.map(presentKey) };
  });
}
