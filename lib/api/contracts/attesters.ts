// Contracts: trusted attesters (issuers of Client Attestation JWTs; admins change them, settings readers see them).
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZAttester, ZAttesterParams, ZListAttestersQuery, ZRegisterAttesterInput, ZRevokeAttesterInput, ZUpdateAttesterInput } from "@/lib/attesters/schemas";

export const listAttestersContract = defineContract({
  operationId: "listAttesters",
  method: "GET",
  path: "/api/v1/attesters",
  tag: "Trusted attesters",
  summary: "The attesters whose client attestations Warden trusts",
  permission: "settings:read",
  query: ZListAttestersQuery,
  response: { status: 200, description: "Attesters", schema: z.object({ items: z.array(ZAttester) }) },
});

export const registerAttesterContract = defineContract({
  operationId: "registerAttester",
  method: "POST",
  path: "/api/v1/attesters",
  tag: "Trusted attesters",
  summary: "Trust an attester: its issuer, public keys, hardware claims and expiry (admins)",
  description: "The attester signs Client Attestation JWTs (draft-ietf-oauth-attestation-based-client-auth) for agent instances. hardwareClaims lists the claim values that mean the instance key is hardware-bound.",
  permission: "settings:manage",
  body: ZRegisterAttesterInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 201, description: "The attester", schema: ZAttester },
});

export const getAttesterContract = defineContract({
  operationId: "getAttester",
  method: "GET",
  path: "/api/v1/attesters/{id}",
  tag: "Trusted attesters",
  summary: "One trusted attester",
  permission: "settings:read",
  params: ZAttesterParams,
  errors: ["not_found"],
  response: { status: 200, description: "The attester", schema: ZAttester },
});

export const updateAttesterContract = defineContract({
  operationId: "updateAttester",
  method: "PATCH",
  path: "/api/v1/attesters/{id}",
  tag: "Trusted attesters",
  summary: "Change an attester's name, keys, hardware claims or expiry (admins)",
  permission: "settings:manage",
  params: ZAttesterParams,
  body: ZUpdateAttesterInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The attester", schema: ZAttester },
});

export const revokeAttesterContract = defineContract({
  operationId: "revokeAttester",
  method: "POST",
  path: "/api/v1/attesters/{id}/revoke",
  tag: "Trusted attesters",
  summary: "Stop trusting an attester, with a reason (admins); keys it attested count as software-only again",
  permission: "settings:manage",
  params: ZAttesterParams,
  body: ZRevokeAttesterInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The revoked attester", schema: ZAttester },
});
