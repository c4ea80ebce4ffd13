// The token endpoint's reads, cached per policy revision (lib/policy/policy-cache.ts).
// What depends on the clock — key expiry, the rotation overlap, grant expiry —
// is cached as timestamps and decided per request by the callers.
import { db } from "@/lib/db/client";
import { standingGrantToolWhere } from "@/lib/grants/effective-access";
import { cachedLookup } from "@/lib/policy/policy-cache";

const CLIENT_FIELDS = {
  id: true,
  kind: true,
  status: true,
  name: true,
  environment: true,
  clientId: true,
  tokenBinding: true,
  tokenLifetimeSeconds: true,
  resourceUri: true,
  frontsAllServers: true,
  authMethod: true,
  tlsSubjectField: true,
  tlsSubjectValue: true,
  hardwareKeysRequired: true,
  keys: {
    where: { status: { in: ["active", "retiring"] as ("active" | "retiring")[] } },
    select: { kid: true, status: true, retiringUntil: true, expiresAt: true, publicJwk: true, thumbprint: true, protection: true, attesterId: true },
  },
} as const;

const loadClient = (where: { clientId: string } | { id: string }) => db().identity.findUnique({ where, select: CLIENT_FIELDS });
export type ClientRecord = NonNullable<Awaited<ReturnType<typeof loadClient>>>;
export type ClientKey = ClientRecord["keys"][number];

/** The keys a client may authenticate with at `now`: active ones, and retiring ones inside their overlap; none past expiry. */
export function usableKeys(client: ClientRecord, now: Date): ClientKey[] {
  return client.keys.filter((key) => (key.status === "active" || (key.status === "retiring" && key.retiringUntil && key.retiringUntil > now)) && (!key.expiresAt || key.expiresAt > now));
}

/** An OAuth client with its active and retiring keys: agents by client id (cli_…), other identities by id. */
export function clientRecord(clientId: string): Promise<ClientRecord | null> {
  if (/^cli_[0-9a-z]{26}$/.test(clientId)) return cachedLookup("client", clientId, () => loadClient({ clientId }));
  if (/^(srv|gwy|res)_[0-9a-z]{26}$/.test(clientId)) return cachedLookup("client", clientId, () => loadClient({ id: clientId }));
  return Promise.resolve(null);
}

const loadIdentityAt = (resourceUri: string) => db().identity.findUnique({ where: { resourceUri }, select: { id: true, kind: true, status: true, name: true, resourceUri: true } });
export type ResourceRecord = NonNullable<Awaited<ReturnType<typeof loadIdentityAt>>>;

/** The identity registered at a resource URI. */
export function identityAtUri(resourceUri: string): Promise<ResourceRecord | null> {
  return cachedLookup("resource", resourceUri, () => loadIdentityAt(resourceUri));
}

export type GrantedTool = { scope: string; name: string; tier: string | null; expiresAt: Date | null };

/**
 * The tool scopes an agent holds on a server through grants that are not
 * revoked, of approved tools still offered, with agent and server active —
 * including grants that have since expired: callers compare `expiresAt` with now.
 */
export async function grantedTools(agentId: string, serverId: string): Promise<GrantedTool[]> {
  const rows = await cachedLookup("grants", `${agentId} ${serverId}`, async () => {
    const standing = standingGrantToolWhere();
    const found = await db().grantTool.findMany({
      where: { ...standing, grant: { ...standing.grant, agentId, serverId } },
      select: { scope: true, tool: { select: { name: true, tier: true } }, grant: { select: { expiresAt: true } } },
    });
    return found.map((row): GrantedTool => ({ scope: row.scope, name: row.tool.name, tier: row.tool.tier, expiresAt: row.grant.expiresAt }));
  });
  return rows ?? [];
}
