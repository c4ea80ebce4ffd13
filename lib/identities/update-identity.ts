// Changes an identity's registration (owners and admins; the risk tier is
// admins only). Revoked identities are history and cannot be changed. The
// audit event lists each changed field with its old and new value.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, forbidden, invalid } from "@/lib/errors/app-error";
import { resolveClientSettings, type ClientSettingsInput } from "@/lib/identities/client-auth-settings";
import { loadIdentityForChange } from "@/lib/identities/access";
import { assertActiveUser, assertServers, assertUniqueRegistryName, assertUniqueUri } from "@/lib/identities/checks";
import { KIND_INFO, toDbTransport, type IdentityKind } from "@/lib/identities/kinds";
import { IDENTITY_INCLUDE, identitySearchText, presentIdentity } from "@/lib/identities/present";
import { UPDATE_SCHEMAS, type TIdentity, type UpdateInput } from "@/lib/identities/schemas";

type AnyUpdate = ClientSettingsInput & {
  name?: string;
  description?: string | null;
  environment?: TIdentity["environment"];
  backupOwnerId?: string | null;
  tags?: string[];
  riskTier?: TIdentity["riskTier"];
  resourceUri?: string;
  audienceUri?: string;
  transport?: "streamable-http" | "sse" | "stdio-behind-gateway";
  sourceRepository?: string | null;
  registryName?: string | null;
  tokenLifetimeSeconds?: number;
  frontsAllServers?: boolean;
  serverIds?: string[];
};

export async function updateIdentity<K extends IdentityKind>(options: { actor: Actor; kind: K; identityId: string; input: UpdateInput<K>; context?: RequestContext | null }): Promise<TIdentity> {
  const { actor, kind, identityId, context } = options;
  const input = UPDATE_SCHEMAS[kind].parse(options.input) as AnyUpdate;
  if (input.riskTier !== undefined && !can(actor, "identities:manage-any")) throw forbidden("Only admins set the risk tier");
  const row = await transact(async (tx) => {
    const before = await loadIdentityForChange(tx, actor, identityId, kind);
    if (before.status === "revoked") throw conflict(`This ${KIND_INFO[kind].label.toLowerCase()} is revoked; revoked identities keep their history and cannot be changed`);
    if (input.backupOwnerId) {
      if (input.backupOwnerId === before.ownerId) throw invalid("The backup owner must be someone else", [{ path: "backupOwnerId", message: "same as the owner" }]);
      await assertActiveUser(tx, input.backupOwnerId, "backupOwnerId");
    }
    const uri = input.resourceUri ?? input.audienceUri;
    if (uri && uri !== before.resourceUri) await assertUniqueUri(tx, uri, kind === "resource" ? "audienceUri" : "resourceUri", identityId);
    if (input.registryName && input.registryName !== before.registryName) await assertUniqueRegistryName(tx, input.registryName, identityId);
    if (input.serverIds) await assertServers(tx, input.serverIds);

    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
      ...(input.backupOwnerId !== undefined ? { backupOwnerId: input.backupOwnerId } : {}),
      ...(input.riskTier !== undefined ? { riskTier: input.riskTier } : {}),
      ...(uri !== undefined ? { resourceUri: uri } : {}),
      ...(input.transport !== undefined ? { transport: toDbTransport(input.transport) } : {}),
      ...(input.sourceRepository !== undefined ? { sourceRepository: input.sourceRepository } : {}),
      ...(input.registryName !== undefined ? { registryName: input.registryName } : {}),
      ...resolveClientSettings(kind, input, before),
      ...(input.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: input.tokenLifetimeSeconds } : {}),
      ...(input.frontsAllServers !== undefined ? { frontsAllServers: input.frontsAllServers } : {}),
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(data)) {
      const previous = (before as Record<string, unknown>)[key];
      if (previous !== value) changes[key] = { from: previous ?? null, to: value ?? null };
    }
    if (input.tags) {
      const current = (await tx.identityTag.findMany({ where: { identityId }, select: { tag: true } })).map((item) => item.tag).sort();
      const next = [...input.tags].sort();
      if (current.join(",") !== next.join(",")) {
        await tx.identityTag.deleteMany({ where: { identityId } });
        if (next.length) await tx.identityTag.createMany({ data: next.map((tag) => ({ identityId, tag })) });
        changes.tags = { from: current, to: next };
      }
    }
    if (input.serverIds) {
      const current = (await tx.gatewayServer.findMany({ where: { gatewayId: identityId }, select: { serverId: true } })).map((item) => item.serverId).sort();
      const next = [...input.serverIds].sort();
      if (current.join(",") !== next.join(",")) {
        await tx.gatewayServer.deleteMany({ where: { gatewayId: identityId } });
        if (next.length) await tx.gatewayServer.createMany({ data: next.map((serverId) => ({ gatewayId: identityId, serverId })) });
        changes.serverIds = { from: current, to: next };
      }
    }
    const name = input.name ?? before.name;
    const updated = await tx.identity.update({
      where: { id: identityId },
      data: { ...data, searchText: identitySearchText({ id: identityId, name, slug: before.slug, resourceUri: uri ?? before.resourceUri, clientId: before.clientId, registryName: input.registryName !== undefined ? input.registryName : before.registryName }) },
      include: IDENTITY_INCLUDE,
    });
    if (Object.keys(changes).length > 0) {
      await appendAuditEvent(tx, { action: "identity.updated", actor: actorRef(actor), target: { type: kind, id: identityId }, details: { changes }, context });
    }
    return updated;
  });
  return presentIdentity(row);
}
