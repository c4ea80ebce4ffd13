// Contracts: identity keys (public keys an identity signs with; ownership is checked in the domain).
import { defineContract } from "@/lib/api/contract";
import {
  ZAddedKeys,
  ZAddKeysInput,
  ZIdentityKeyParams,
  ZIdentityParams,
  ZKey,
  ZKeyChallenge,
  ZListKeysQuery,
  ZRetireKeyInput,
  ZRevokeKeyInput,
} from "@/lib/identities/keys/schemas";
import { zPage } from "@/lib/pagination";

export const listIdentityKeysContract = defineContract({
  operationId: "listIdentityKeys",
  method: "GET",
  path: "/api/v1/identities/{id}/keys",
  tag: "Keys",
  summary: "List an identity's keys (newest first) with their status and public JWK",
  permission: "identities:read",
  params: ZIdentityParams,
  query: ZListKeysQuery,
  errors: ["not_found"],
  response: { status: 200, description: "A page of keys", schema: zPage(ZKey) },
});

export const addIdentityKeysContract = defineContract({
  operationId: "addIdentityKeys",
  method: "POST",
  path: "/api/v1/identities/{id}/keys",
  tag: "Keys",
  summary: "Add public keys (a JWK or a JWK Set) to an identity, optionally with proof of possession",
  description:
    "Only the identity's owners and admins may add keys. Keys of production identities need a proof of possession per key (a JWS over a key challenge) while the requireKeyProofInProduction setting is on. A key already registered to any identity is refused.",
  permission: "identities:register",
  params: ZIdentityParams,
  body: ZAddKeysInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 201, description: "The added keys", schema: ZAddedKeys },
});

export const createKeyChallengeContract = defineContract({
  operationId: "createKeyChallenge",
  method: "POST",
  path: "/api/v1/identities/{id}/keys/challenge",
  tag: "Keys",
  summary: "Issue a single-use challenge (valid five minutes) to sign when adding keys with proof of possession",
  permission: "identities:register",
  params: ZIdentityParams,
  errors: ["not_found", "conflict"],
  response: { status: 201, description: "The challenge", schema: ZKeyChallenge },
});

export const retireIdentityKeyContract = defineContract({
  operationId: "retireIdentityKey",
  method: "POST",
  path: "/api/v1/identities/{id}/keys/{keyId}/retire",
  tag: "Keys",
  summary: "Retire an active key: it stays published for an overlap window, then drops out",
  permission: "identities:register",
  params: ZIdentityKeyParams,
  body: ZRetireKeyInput,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The retiring key", schema: ZKey },
});

export const revokeIdentityKeyContract = defineContract({
  operationId: "revokeIdentityKey",
  method: "POST",
  path: "/api/v1/identities/{id}/keys/{keyId}/revoke",
  tag: "Keys",
  summary: "Revoke a key at once, with a reason",
  permission: "identities:register",
  params: ZIdentityKeyParams,
  body: ZRevokeKeyInput,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The revoked key", schema: ZKey },
});
