// Trusted attester inputs and the public view of one. An attester issues Client
// Attestation JWTs (draft-ietf-oauth-attestation-based-client-auth) for agent
// instances: its JWKS holds public keys only, and hardwareClaims says which
// claim values mean "the instance key is hardware-bound".
import { z } from "zod";
import { ZReason } from "@/lib/identities/schemas";

export const ATTESTER_ID_PATTERN = /^att_[0-9a-z]{26}$/;
export const ATTESTER_STATUSES = ["active", "revoked"] as const;
export const MAX_ATTESTER_KEYS = 20;

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

// one public signing key: members are checked for shape here and again when imported (register-attester.ts)
const ZAttesterJwk = z
  .record(z.string(), z.unknown())
  .refine((jwk) => typeof jwk.kty === "string" && ["EC", "OKP", "RSA"].includes(jwk.kty), { message: "kty must be EC, OKP or RSA" })
  .refine((jwk) => !PRIVATE_MEMBERS.some((member) => member in jwk), { message: "must be a public key: private or secret members are refused" })
  .refine((jwk) => jwk.kid === undefined || (typeof jwk.kid === "string" && jwk.kid.length > 0 && jwk.kid.length <= 200), { message: "kid must be 1-200 characters" });

export const ZAttesterJwks = z.object({ keys: z.array(ZAttesterJwk).min(1, "At least one key").max(MAX_ATTESTER_KEYS, `At most ${MAX_ATTESTER_KEYS} keys`) }).strict();

const ZClaimPath = z.string().regex(/^[A-Za-z0-9_:-]{1,100}(\.[A-Za-z0-9_:-]{1,100}){0,4}$/, "a claim name, or a dotted path of up to 5 names for a nested claim");
const ZClaimValue = z.union([z.string().min(1).max(200), z.number(), z.boolean()]);
export const ZHardwareClaims = z
  .record(ZClaimPath, z.array(ZClaimValue).min(1, "List at least one value").max(20))
  .refine((claims) => Object.keys(claims).length >= 1 && Object.keys(claims).length <= 10, { message: "Name 1-10 claims" })
  .describe('Claim → the values that mean "the key is in hardware"; every listed claim must hold one of its values, e.g. {"key_storage": ["tpm", "secure_enclave"]}');

const ZIssuer = z
  .string()
  .trim()
  .min(1, "The issuer is required")
  .max(500, "At most 500 characters")
  .refine((value) => !/[\s\u0000]/.test(value), { message: "No spaces or control characters" })
  .describe("The iss of the attester's Client Attestation JWTs, compared as an exact string");

const ZName = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");
const ZExpiry = z.iso.datetime({ offset: true }).describe("When Warden stops trusting this attester");

export const ZRegisterAttesterInput = z
  .object({ name: ZName, issuer: ZIssuer, jwks: ZAttesterJwks, hardwareClaims: ZHardwareClaims, expiresAt: ZExpiry.optional() })
  .strict();
export type TRegisterAttesterInput = z.input<typeof ZRegisterAttesterInput>;

export const ZUpdateAttesterInput = z
  .object({ name: ZName.optional(), jwks: ZAttesterJwks.optional(), hardwareClaims: ZHardwareClaims.optional(), expiresAt: ZExpiry.nullable().optional() })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: "Change at least one field" });
export type TUpdateAttesterInput = z.input<typeof ZUpdateAttesterInput>;

export const ZRevokeAttesterInput = z.object({ reason: ZReason }).strict();
export type TRevokeAttesterInput = z.input<typeof ZRevokeAttesterInput>;

export const ZAttesterParams = z.object({ id: z.string().regex(ATTESTER_ID_PATTERN, "not an attester id (att_…)") });

export const ZListAttestersQuery = z.object({ includeRevoked: z.enum(["true", "false"]).optional().describe("true also lists revoked attesters") });

export const ZAttester = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).describe("Public keys only"),
  hardwareClaims: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))),
  status: z.enum(ATTESTER_STATUSES),
  /** active, but past its expiry: trusted no more */
  expired: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  keyCount: z.number().int().describe("Identity keys registered with an attestation from this attester"),
});
export type TAttester = z.infer<typeof ZAttester>;
