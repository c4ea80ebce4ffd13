// The public view of an identity row (with owner, backup owner, tags, fronted
// servers and key counts loaded by IDENTITY_INCLUDE).
import { publicUrl } from "@/lib/config/env";
import { fromDbTransport, type IdentityKind } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";

const USER_REF = { select: { id: true, email: true, name: true, active: true } } as const;

export const IDENTITY_INCLUDE = {
  owner: USER_REF,
  backupOwner: USER_REF,
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  frontedServers: { select: { serverId: true } },
  keys: { select: { status: true } },
} as const;

type UserRef = { id: string; email: string; name: string; active: boolean };
type Row = {
  id: string;
  kind: IdentityKind;
  slug: string;
  name: string;
  description: string | null;
  environment: TIdentity["environment"];
  status: TIdentity["status"];
  riskTier: TIdentity["riskTier"];
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  approvedById: string | null;
  statusReason: string | null;
  statusChangedAt: Date | null;
  revokedAt: Date | null;
  lastCertifiedAt: Date | null;
  nextCertificationDue: Date | null;
  resourceUri: string | null;
  transport: string | null;
  sourceRepository: string | null;
  registryName: string | null;
  clientId: string | null;
  tokenBinding: TIdentity["tokenBinding"] & string;
  hardwareKeysRequired: boolean;
  authMethod: TIdentity["authMethod"];
  tlsSubjectField: NonNullable<TIdentity["tlsClientAuth"]>["field"] | null;
  tlsSubjectValue: string | null;
  tokenLifetimeSeconds: number | null;
  frontsAllServers: boolean;
  owner: UserRef;
  backupOwner: UserRef | null;
  tags: { tag: string }[];
  frontedServers: { serverId: string }[];
  keys: { status: string }[];
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function jwksUriOf(identityId: string): string {
  return `${publicUrl()}/identities/${identityId}/jwks.json`;
}

export function presentIdentity(row: Row): TIdentity {
  const count = (status: string) => row.keys.filter((key) => key.status === status).length;
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    description: row.description,
    environment: row.environment,
    status: row.status,
    riskTier: row.riskTier,
    owner: row.owner,
    backupOwner: row.backupOwner,
    orphaned: !row.owner.active,
    tags: row.tags.map((item) => item.tag),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    approvedAt: iso(row.approvedAt),
    approvedById: row.approvedById,
    statusReason: row.statusReason,
    statusChangedAt: iso(row.statusChangedAt),
    revokedAt: iso(row.revokedAt),
    lastCertifiedAt: iso(row.lastCertifiedAt),
    nextCertificationDue: iso(row.nextCertificationDue),
    resourceUri: row.kind === "server" || row.kind === "resource" ? row.resourceUri : null,
    transport: row.kind === "server" && row.transport ? fromDbTransport(row.transport) : null,
    sourceRepository: row.kind === "server" ? row.sourceRepository : null,
    registryName: row.kind === "server" ? row.registryName : null,
    clientId: row.kind === "agent" ? row.clientId : null,
    tokenBinding: row.kind === "agent" ? row.tokenBinding : null,
    dpopRequired: row.kind === "agent" ? row.tokenBinding === "dpop" : null,
    hardwareKeysRequired: row.kind === "agent" ? row.hardwareKeysRequired : null,
    authMethod: row.authMethod,
    tlsClientAuth: row.tlsSubjectField && row.tlsSubjectValue ? { field: row.tlsSubjectField, value: row.tlsSubjectValue } : null,
    tokenLifetimeSeconds: row.kind === "agent" ? row.tokenLifetimeSeconds : null,
    frontsAllServers: row.kind === "gateway" ? row.frontsAllServers : null,
    frontedServerIds: row.kind === "gateway" ? row.frontedServers.map((item) => item.serverId).sort() : null,
    keys: { active: count("active"), retiring: count("retiring"), revoked: count("revoked") },
    jwksUri: jwksUriOf(row.id),
  };
}

/** Lower-cased text that search matches, for both databases alike. */
export function identitySearchText(fields: { id: string; name: string; slug: string; resourceUri?: string | null; clientId?: string | null; registryName?: string | null }): string {
  return [fields.name, fields.slug, fields.id, fields.resourceUri, fields.clientId, fields.registryName].filter(Boolean).join(" ").toLowerCase();
}
