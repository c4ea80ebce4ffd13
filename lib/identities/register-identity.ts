// Registers a non-human identity of any kind. Owners register identities they
// own; naming another owner or setting the risk tier needs identities:manage-any.
// New identities are pending until an admin approves them, except development
// identities when the autoApproveDevelopment setting is on.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { forbidden, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { resolveClientSettings } from "@/lib/identities/client-auth-settings";
import { assertActiveUser, assertServers, assertUniqueRegistryName, assertUniqueUri } from "@/lib/identities/checks";
import { KIND_INFO, toDbTransport, type IdentityKind } from "@/lib/identities/kinds";
import { IDENTITY_INCLUDE, identitySearchText, presentIdentity } from "@/lib/identities/present";
import { REGISTER_SCHEMAS, type RegisterInput, type TIdentity } from "@/lib/identities/schemas";
import { chooseSlug } from "@/lib/identities/slug";
import { readSettings } from "@/lib/settings/get-settings";
import type { Tx } from "@/lib/db/transaction";

type Parsed = { [K in IdentityKind]: ReturnType<(typeof REGISTER_SCHEMAS)[K]["parse"]> };

function kindColumns(kind: IdentityKind, input: Parsed[IdentityKind]) {
  switch (kind) {
    case "server": {
      const server = input as Parsed["server"];
      return { resourceUri: server.resourceUri, transport: toDbTransport(server.transport), sourceRepository: server.sourceRepository ?? null, registryName: server.registryName ?? null };
    }
    case "agent": {
      const agent = input as Parsed["agent"];
      return { clientId: newId("client"), tokenLifetimeSeconds: agent.tokenLifetimeSeconds };
    }
    case "resource":
      return { resourceUri: (input as Parsed["resource"]).audienceUri };
    case "gateway":
      return { frontsAllServers: (input as Parsed["gateway"]).frontsAllServers };
  }
}

export function assertMayAssign(actor: Actor, input: { ownerId: string; riskTier?: string }): void {
  if (input.ownerId !== actor.userId && !can(actor, "identities:manage-any")) throw forbidden("You can only register identities that you own");
  if (input.riskTier !== undefined && !can(actor, "identities:manage-any")) throw forbidden("Only admins set the risk tier");
}

/** The registration itself, inside the caller's transaction (imports reuse it). */
export async function registerInTransaction<K extends IdentityKind>(tx: Tx, options: { actor: Actor; kind: K; input: Parsed[K]; context?: RequestContext | null; via?: string }) {
  const { actor, kind, input, context } = options;
  await assertActiveUser(tx, input.ownerId, "ownerId");
  if (input.backupOwnerId) {
    if (input.backupOwnerId === input.ownerId) throw invalid("The backup owner must be someone else", [{ path: "backupOwnerId", message: "same as the owner" }]);
    await assertActiveUser(tx, input.backupOwnerId, "backupOwnerId");
  }
  const columns = { ...kindColumns(kind, input), ...resolveClientSettings(kind, input, null) };
  if ("resourceUri" in columns && columns.resourceUri) await assertUniqueUri(tx, columns.resourceUri, kind === "resource" ? "audienceUri" : "resourceUri");
  if ("registryName" in columns && columns.registryName) await assertUniqueRegistryName(tx, columns.registryName);
  const serverIds = kind === "gateway" ? (input as Parsed["gateway"]).serverIds : [];
  await assertServers(tx, serverIds);

  const slug = await chooseSlug(tx, input.slug, input.name);
  const settings = await readSettings(tx);
  const autoApprove = settings.autoApproveDevelopment && input.environment === "development";
  const now = new Date();
  const id = newId(KIND_INFO[kind].idKind);
  const created = await tx.identity.create({
    data: {
      id,
      kind,
      slug,
      name: input.name,
      description: input.description || null,
      environment: input.environment,
      status: autoApprove ? "active" : "pending",
      riskTier: input.riskTier ?? "medium",
      ownerId: input.ownerId,
      backupOwnerId: input.backupOwnerId ?? null,
      createdById: actor.userId,
      approvedAt: autoApprove ? now : null,
      statusChangedAt: now,
      statusReason: autoApprove ? "auto-approved: development environment" : null,
      ...columns,
      searchText: identitySearchText({ id, name: input.name, slug, ...columns }),
      tags: input.tags?.length ? { create: input.tags.map((tag) => ({ tag })) } : undefined,
      frontedServers: serverIds.length ? { create: serverIds.map((serverId) => ({ serverId })) } : undefined,
    },
    include: IDENTITY_INCLUDE,
  });
  await appendAuditEvent(tx, {
    action: "identity.registered",
    actor: actorRef(actor),
    target: { type: kind, id },
    details: { kind, slug, name: created.name, environment: created.environment, ownerId: created.ownerId, status: created.status, via: options.via ?? "api", ...columns },
    context,
  });
  if (autoApprove) {
    await appendAuditEvent(tx, {
      action: "identity.approved",
      actor: { type: "system", id: null, label: "Warden" },
      target: { type: kind, id },
      details: { reason: "auto-approved: development environment (setting autoApproveDevelopment)" },
      context,
    });
  }
  return created;
}

export async function registerIdentity<K extends IdentityKind>(options: { actor: Actor; kind: K; input: RegisterInput<K>; context?: RequestContext | null }): Promise<TIdentity> {
  const { actor, kind } = options;
  assertCan(actor, "identities:register");
  const input = REGISTER_SCHEMAS[kind].parse(options.input) as Parsed[K];
  assertMayAssign(actor, input);
  const row = await transact((tx) => registerInTransaction(tx, { actor, kind, input, context: options.context }));
  return presentIdentity(row);
}
