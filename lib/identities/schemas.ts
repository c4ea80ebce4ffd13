// Registry inputs and the public view of an identity, for all four kinds. One
// flat view (kind-specific fields are null for other kinds) keeps lists,
// detail pages and exports simple.
import { z } from "zod";
import { ENVIRONMENTS, IDENTITY_KINDS, IDENTITY_STATUSES, RISK_TIERS, SERVER_TRANSPORTS } from "@/lib/identities/kinds";
import { ZResourceUri } from "@/lib/identities/uris";

export { ZResourceUri };

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, "Use 3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit");

export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9:_.-]{0,39}$/, "Tags are 1-40 characters: lowercase letters, digits and : _ . -");

const ZTags = z
  .array(ZTag)
  .max(20, "At most 20 tags")
  .transform((tags) => [...new Set(tags)]);

const ZUserId = z.string().trim().regex(/^usr_[0-9a-z]{26}$/, "Choose a user");
const ZName = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");
const ZDescription = z.string().trim().max(1000, "At most 1000 characters");

/** A downstream resource's token audience: an https URL (http for localhost) or a URN. */
export const ZAudienceUri = z.union([ZResourceUri, z.string().trim().regex(/^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s#]{1,500}$/i, "Must be an https URL or a URN")]);

const ZRepositoryUrl = z.url({ protocol: /^https$/, error: "Must be an https URL" }).max(500);
/** MCP Registry server names: reverse-DNS namespace, one slash, name. */
export const ZRegistryName = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, "Use the MCP Registry form namespace/name, e.g. io.github.acme/weather");

const common = {
  name: ZName,
  slug: ZSlug.optional().describe("Unique short name; derived from the name when omitted"),
  description: ZDescription.optional(),
  environment: z.enum(ENVIRONMENTS).default("development"),
  ownerId: ZUserId.describe("The accountable human owner: an active user"),
  backupOwnerId: ZUserId.nullish(),
  tags: ZTags.optional(),
  riskTier: z.enum(RISK_TIERS).optional().describe("Admins only; defaults to medium"),
};

const serverFields = {
  resourceUri: ZResourceUri,
  transport: z.enum(SERVER_TRANSPORTS).default("streamable-http"),
  sourceRepository: ZRepositoryUrl.nullish(),
  registryName: ZRegistryName.nullish(),
};
export const TOKEN_BINDINGS = ["dpop", "mtls", "dpop_or_mtls", "bearer"] as const;
export const CLIENT_AUTH_METHODS = ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth", "attest_jwt_client_auth"] as const;
export const TLS_SUBJECT_FIELDS = ["subject_dn", "san_dns", "san_uri", "san_ip", "san_email"] as const;
/** tls_client_auth: the one certificate field (RFC 8705 §2.1.2) and the value it must hold. */
export const ZTlsClientAuth = z
  .object({
    field: z.enum(TLS_SUBJECT_FIELDS).describe("subject_dn (RFC 4514 string, e.g. CN=agent,O=Example) or a subjectAltName kind"),
    value: z.string().trim().min(1, "Required").max(500, "At most 500 characters").refine((value) => !/[\u0000-\u001f]/.test(value), "No control characters"),
  })
  .strict();
/** How a client authenticates and, for agents, how its tokens are bound; checked together in lib/identities/client-auth-settings.ts. */
const clientFields = {
  authMethod: z.enum(CLIENT_AUTH_METHODS).optional().describe("Token endpoint authentication (default private_key_jwt)"),
  tlsClientAuth: ZTlsClientAuth.nullish().describe("Required for tls_client_auth: which certificate field must hold which value"),
};
const agentFields = {
  tokenBinding: z.enum(TOKEN_BINDINGS).optional().describe("How access tokens are sender-constrained: dpop (default), mtls, dpop_or_mtls, or bearer (unbound, flagged)"),
  dpopRequired: z.boolean().optional().describe("Deprecated: true is tokenBinding dpop, false is bearer"),
  hardwareKeysRequired: z.boolean().optional().describe("Keys must be attested as hardware-bound by a trusted attester"),
  tokenLifetimeSeconds: z.number().int().min(60, "At least 60 seconds").max(3600, "At most 3600 seconds").default(300),
};
const resourceFields = { audienceUri: ZAudienceUri };
const ZServerIds = z
  .array(z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id"))
  .max(500, "At most 500 servers")
  .transform((ids) => [...new Set(ids)]);
const gatewayFields = {
  frontsAllServers: z.boolean().default(false),
  serverIds: ZServerIds.default([]),
};

export const REGISTER_SCHEMAS = {
  server: z.object({ ...common, ...serverFields, ...clientFields }).strict(),
  agent: z.object({ ...common, ...agentFields, ...clientFields }).strict(),
  resource: z.object({ ...common, ...resourceFields, ...clientFields }).strict(),
  gateway: z.object({ ...common, ...gatewayFields, ...clientFields }).strict(),
} as const;

const atLeastOne = (value: Record<string, unknown>) => Object.values(value).some((item) => item !== undefined);
const updateCommon = {
  name: ZName.optional(),
  description: ZDescription.nullish(),
  environment: z.enum(ENVIRONMENTS).optional(),
  backupOwnerId: ZUserId.nullish(),
  tags: ZTags.optional(),
  riskTier: z.enum(RISK_TIERS).optional(),
};
const partialOf = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, (schema as z.ZodType).optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

export const UPDATE_SCHEMAS = {
  server: z
    .object({ ...updateCommon, ...clientFields, resourceUri: ZResourceUri.optional(), transport: z.enum(SERVER_TRANSPORTS).optional(), sourceRepository: ZRepositoryUrl.nullish(), registryName: ZRegistryName.nullish() })
    .strict()
    .refine(atLeastOne, "Change at least one field"),
  agent: z
    .object({ ...updateCommon, ...clientFields, tokenBinding: agentFields.tokenBinding, dpopRequired: agentFields.dpopRequired, hardwareKeysRequired: agentFields.hardwareKeysRequired, ...partialOf({ tokenLifetimeSeconds: agentFields.tokenLifetimeSeconds.removeDefault() }) })
    .strict()
    .refine(atLeastOne, "Change at least one field"),
  resource: z.object({ ...updateCommon, ...clientFields, audienceUri: ZAudienceUri.optional() }).strict().refine(atLeastOne, "Change at least one field"),
  gateway: z
    .object({ ...updateCommon, ...clientFields, frontsAllServers: z.boolean().optional(), serverIds: ZServerIds.optional() })
    .strict()
    .refine(atLeastOne, "Change at least one field"),
} as const;

export type RegisterInput<K extends keyof typeof REGISTER_SCHEMAS> = z.input<(typeof REGISTER_SCHEMAS)[K]>;
export type UpdateInput<K extends keyof typeof UPDATE_SCHEMAS> = z.input<(typeof UPDATE_SCHEMAS)[K]>;

export const ZIdentitySort = z.enum(["name", "-name", "created", "-created"]).default("-created");

export const ZListIdentitiesQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Matches name, slug, id, URIs and client id"),
  status: z.enum(IDENTITY_STATUSES).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  riskTier: z.enum(RISK_TIERS).optional(),
  ownerId: z.string().max(64).optional().describe("Primary or backup owner"),
  mine: z.enum(["true", "false"]).optional().describe("Only identities the caller owns (primary or backup)"),
  orphaned: z.enum(["true", "false"]).optional().describe("Only identities whose primary owner is deactivated"),
  tag: ZTag.optional(),
  kind: z.enum(IDENTITY_KINDS).optional().describe("On /api/v1/identities only; the kind routes fix it"),
  sort: ZIdentitySort,
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListIdentitiesQuery = z.output<typeof ZListIdentitiesQuery>;

export const ZUserRef = z.object({ id: z.string(), email: z.string(), name: z.string(), active: z.boolean() });

export const ZIdentity = z.object({
  id: z.string(),
  kind: z.enum(IDENTITY_KINDS),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  environment: z.enum(ENVIRONMENTS),
  status: z.enum(IDENTITY_STATUSES),
  riskTier: z.enum(RISK_TIERS),
  owner: ZUserRef,
  backupOwner: ZUserRef.nullable(),
  orphaned: z.boolean().describe("The primary owner is deactivated"),
  tags: z.array(z.string()),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  approvedAt: z.iso.datetime().nullable(),
  approvedById: z.string().nullable(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastCertifiedAt: z.iso.datetime().nullable(),
  nextCertificationDue: z.iso.datetime().nullable(),
  resourceUri: z.string().nullable().describe("Servers: RFC 8707 resource URI; resources: token audience"),
  transport: z.enum(SERVER_TRANSPORTS).nullable(),
  sourceRepository: z.string().nullable(),
  registryName: z.string().nullable(),
  clientId: z.string().nullable().describe("Agents: the OAuth client id"),
  tokenBinding: z.enum(TOKEN_BINDINGS).nullable().describe("Agents: how access tokens are sender-constrained"),
  dpopRequired: z.boolean().nullable().describe("Agents: tokenBinding is dpop (kept for older clients)"),
  hardwareKeysRequired: z.boolean().nullable().describe("Agents: keys must be attested as hardware-bound"),
  authMethod: z.enum(CLIENT_AUTH_METHODS),
  tlsClientAuth: ZTlsClientAuth.nullable(),
  tokenLifetimeSeconds: z.number().int().nullable(),
  frontsAllServers: z.boolean().nullable(),
  frontedServerIds: z.array(z.string()).nullable(),
  keys: z.object({ active: z.number().int(), retiring: z.number().int(), revoked: z.number().int() }),
  jwksUri: z.string().describe("Public JWK Set of this identity's keys"),
});
export type TIdentity = z.infer<typeof ZIdentity>;

export const ZReason = z.string().trim().min(3, "Give a reason of at least 3 characters").max(500, "At most 500 characters");

export const ZStatusChangeInput = z.object({ reason: ZReason }).strict();
export const ZOptionalReasonInput = z.object({ reason: ZReason.optional() }).strict();

export const ZTransferInput = z
  .object({
    ownerId: ZUserId,
    backupOwnerId: ZUserId.nullish().describe("Omit to keep the backup owner, null to remove it"),
    reason: ZReason.optional(),
  })
  .strict();

export const ZReassignInput = z
  .object({
    identityIds: z.array(z.string().regex(/^(srv|agt|res|gwy)_[0-9a-z]{26}$/, "not an identity id")).min(1).max(500).optional(),
    fromOwnerId: ZUserId.optional().describe("Every identity whose primary owner is this user"),
    ownerId: ZUserId.describe("The new primary owner"),
    reason: ZReason.optional(),
  })
  .strict()
  .refine((value) => Boolean(value.identityIds) !== Boolean(value.fromOwnerId), "Give either identityIds or fromOwnerId");
