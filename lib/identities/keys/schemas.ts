// Identity key inputs and the public view of a key. Warden only ever holds
// public keys, so the view carries the public JWK and nothing secret.
import { z } from "zod";
import { IDENTITY_ID_PATTERN } from "@/lib/identities/kinds";
import { ZCursorQuery } from "@/lib/pagination";

export const KEY_ID_PATTERN = /^key_[0-9a-z]{26}$/;
export const KEY_CHALLENGE_ID_PATTERN = /^kch_[0-9a-z]{26}$/;
export const KEY_STATUSES = ["active", "retiring", "revoked"] as const;
export const KEY_PROOFS = ["none", "challenge"] as const;
export const KEY_PROTECTIONS = ["software", "hardware"] as const;
/** Most keys one submission may carry. */
export const MAX_KEYS_PER_SUBMISSION = 20;

const identityId = z.string().regex(IDENTITY_ID_PATTERN, "not an identity id (srv_, agt_, res_ or gwy_…)");
const keyId = z.string().regex(KEY_ID_PATTERN, "not a key id (key_…)");

export const ZIdentityParams = z.object({ id: identityId });
export const ZIdentityKeyParams = z.object({ id: identityId, keyId });

// JWK members are checked one by one in validate-jwk.ts, which names the exact
// member at fault; the schema only fixes the outer shape.
const ZJwkObject = z.record(z.string(), z.unknown());

export const ZAddKeysInput = z
  .object({
    jwk: ZJwkObject.optional().describe("One public JWK (RFC 7517). Send jwk or jwks, not both."),
    jwks: z
      .object({ keys: z.array(ZJwkObject) })
      .optional()
      .describe(`A JWK Set of up to ${MAX_KEYS_PER_SUBMISSION} public keys`),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe("When the keys stop being published; omit for keys that do not expire"),
    proofs: z
      .record(z.string().min(1).max(200), z.string().max(16_384))
      .optional()
      .describe(
        "Proof of possession per key, keyed by the key's kid (the RFC 7638 thumbprint when it has none) or its index in the submission: a compact JWS " +
          'with header {alg, kid?, typ: "warden-key-proof+jwt"} and payload {challenge: <nonce>, aud: <Warden URL>, iat}, signed with the private key',
      ),
    challengeId: z.string().regex(KEY_CHALLENGE_ID_PATTERN, "not a key challenge id (kch_…)").optional().describe("The challenge the proofs sign"),
    attestation: z
      .string()
      .min(1)
      .max(16_384)
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, "a compact JWT")
      .optional()
      .describe(
        "A Client Attestation JWT (draft-ietf-oauth-attestation-based-client-auth) from a trusted attester whose cnf.jwk is one of the submitted keys and whose sub is this identity's client id: " +
          'that key is registered with protection "hardware"',
      ),
  })
  .strict();
export type TAddKeysInput = z.input<typeof ZAddKeysInput>;

export const ZRetireKeyInput = z
  .object({
    overlapDays: z.number().int().min(0).max(90).optional().describe("Days the retiring key stays published; the keyRotationOverlapDays setting when omitted"),
  })
  .strict();
export type TRetireKeyInput = z.input<typeof ZRetireKeyInput>;

export const ZRevokeKeyInput = z
  .object({
    reason: z
      .string({ error: (issue) => (issue.input === undefined ? "A reason is required" : "Must be text") })
      .trim()
      .min(3, "At least 3 characters")
      .max(500, "At most 500 characters"),
  })
  .strict();
export type TRevokeKeyInput = z.input<typeof ZRevokeKeyInput>;

export const ZListKeysQuery = ZCursorQuery.extend({
  status: z.enum(KEY_STATUSES).optional().describe("Only keys with this status"),
});
export type TListKeysQuery = z.output<typeof ZListKeysQuery>;

export const ZKey = z.object({
  id: z.string(),
  kid: z.string(),
  thumbprint: z.string().describe("RFC 7638 SHA-256 thumbprint, unique across Warden"),
  kty: z.string(),
  crv: z.string().nullable(),
  alg: z.string(),
  status: z.enum(KEY_STATUSES),
  proof: z.enum(KEY_PROOFS).describe('"challenge" when the registrant signed a Warden challenge with the private key'),
  publicJwk: z.record(z.string(), z.string()).describe("The public JWK as published"),
  expiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  retiringUntil: z.iso.datetime().nullable().describe("A retiring key is published until then"),
  revokedAt: z.iso.datetime().nullable(),
  revokedReason: z.string().nullable(),
  protection: z.enum(KEY_PROTECTIONS).describe('"hardware" only when a trusted attester attested it (at registration or since)'),
  attester: z.object({ id: z.string(), name: z.string().nullable() }).nullable().describe("The trusted attester whose attestation showed the key hardware-bound"),
  attestedAt: z.iso.datetime().nullable(),
});
export type TKey = z.infer<typeof ZKey>;

export const ZAddedKeys = z.object({ items: z.array(ZKey) });

export const ZKeyChallenge = z.object({
  challengeId: z.string().describe("Send back as challengeId with the proofs"),
  nonce: z.string().describe("Sign it as the `challenge` claim of each proof"),
  expiresAt: z.iso.datetime(),
  audience: z.string().describe("The `aud` claim of each proof: Warden's public URL"),
});
export type TKeyChallenge = z.infer<typeof ZKeyChallenge>;
