// Contracts: Warden's signing keys and access-token revocation by people.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZRevokeTokenInput } from "@/lib/oauth/revoke-token-as-user";

const ZSigningKey = z.object({
  kid: z.string(),
  alg: z.string(),
  status: z.enum(["next", "active", "retiring", "retired"]),
  published: z.boolean().describe("In /.well-known/jwks.json now"),
  createdAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
  retiringAt: z.iso.datetime().nullable(),
  publishUntil: z.iso.datetime().nullable(),
});

export const listSigningKeysContract = defineContract({
  operationId: "listSigningKeys",
  method: "GET",
  path: "/api/v1/signing-keys",
  tag: "Signing keys",
  summary: "Warden's signing keys: next (published before it signs), active, retiring (published until its tokens expire), retired",
  permission: "settings:read",
  response: { status: 200, description: "The keys (public data only)", schema: z.object({ items: z.array(ZSigningKey) }) },
});

export const rotateSigningKeyContract = defineContract({
  operationId: "rotateSigningKey",
  method: "POST",
  path: "/api/v1/signing-keys/rotate",
  tag: "Signing keys",
  summary: "Rotate: the published next key starts signing, the active key retires (admins)",
  permission: "settings:manage",
  body: z.object({ alg: z.enum(["ES256", "EdDSA", "PS256"]).optional() }).strict(),
  response: { status: 200, description: "The kids after rotation", schema: z.object({ active: z.string(), retiring: z.string().nullable(), next: z.string() }) },
});

export const revokeTokenContract = defineContract({
  operationId: "revokeAccessToken",
  method: "POST",
  path: "/api/v1/tokens/revoke",
  tag: "Tokens",
  summary: "Revoke an access token (admins, and owners of its agent); introspection reports it inactive at once",
  permission: "identities:register",
  body: ZRevokeTokenInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 200, description: "The revoked token", schema: z.object({ jti: z.string(), agentId: z.string(), expiresAt: z.iso.datetime() }) },
});
