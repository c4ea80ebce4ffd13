// The policy bundle, version 1: everything an enforcement point (gateway or MCP
// server) needs to decide a tool call without calling Warden, for the servers
// in its view. Shared by Warden (compile, sign) and the enforcement SDK
// (lib/gateway: verify, decide), so it imports nothing but zod.
// docs/policy-bundle.md documents every field; the JSON schema generated from
// ZPolicyBundle is published at /schemas/policy-bundle-v1.json.
import { z } from "zod";

/** JOSE `typ` of a signed bundle (a compact JWS whose payload is the document). */
export const POLICY_BUNDLE_TYP = "warden-policy-bundle+jwt";
export const POLICY_BUNDLE_VERSION = 1;

const ZId = z.string().min(1);
const ZTime = z.iso.datetime({ offset: true });

export const ZBundleTool = z.object({
  name: z.string(),
  scope: z.string(),
  tier: z.enum(["read", "write", "irreversible"]).nullable(),
  /** approved tools may be called; unclassified (new or drifted), disabled and removed ones are denied */
  status: z.enum(["approved", "unclassified", "disabled", "removed"]),
});

export const ZBundleServer = z.object({
  id: ZId,
  resourceUri: z.string().nullable(),
  status: z.enum(["pending", "active", "suspended", "revoked"]),
  tools: z.array(ZBundleTool),
});

export const ZBundleAgent = z.object({
  id: ZId,
  clientId: z.string().nullable(),
  status: z.enum(["pending", "active", "suspended", "revoked"]),
  /** binding is dpop (kept for enforcement points older than `binding`) */
  dpopRequired: z.boolean(),
  /** how the agent's tokens must be sender-constrained: cnf.jkt (dpop), cnf["x5t#S256"] (mtls), either, or none (bearer) */
  binding: z.enum(["dpop", "mtls", "dpop_or_mtls", "bearer"]).optional(),
  /** the agent's keys must be attested as hardware-bound: its tokens must carry amr hwk */
  hardwareKeysRequired: z.boolean().optional(),
});

export const ZBundleGrant = z.object({
  id: ZId,
  agentId: ZId,
  serverId: ZId,
  /** the grant's tool scopes that are not revoked */
  scopes: z.array(z.string()),
  expiresAt: ZTime.nullable(),
});

export const ZBundleExchangePolicy = z.object({
  id: ZId,
  serverId: ZId,
  resourceId: ZId,
  resourceUri: z.string().nullable(),
  scopes: z.array(z.string()),
  maxDepth: z.number().int().positive(),
});

export const ZPolicyBundle = z.object({
  version: z.literal(POLICY_BUNDLE_VERSION),
  /** Warden's issuer identifier; also the `iss` of the tokens the bundle governs */
  iss: z.string(),
  /** the policy revision: monotonic; the same revision and view always yield the same document */
  revision: z.number().int().nonnegative(),
  /** when that revision was made (seconds and ISO-8601), not when the bundle was compiled */
  iat: z.number().int().nonnegative(),
  issuedAt: ZTime,
  /** the gateway (or server) whose view this is */
  audience: ZId,
  jwksUri: z.string(),
  /** the kids of Warden's published signing keys at this revision */
  signingKeyIds: z.array(z.string()),
  servers: z.array(ZBundleServer),
  agents: z.array(ZBundleAgent),
  grants: z.array(ZBundleGrant),
  exchangePolicies: z.array(ZBundleExchangePolicy),
  revoked: z.object({
    identities: z.array(ZId),
    keys: z.array(z.object({ identityId: ZId, kid: z.string(), thumbprint: z.string() })),
    grants: z.array(ZId),
    /** access tokens revoked before they expire, kept until then */
    tokens: z.array(z.object({ jti: z.string(), expiresAt: ZTime })),
  }),
});

export type PolicyBundle = z.infer<typeof ZPolicyBundle>;
