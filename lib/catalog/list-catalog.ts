// Reading a server's catalog: its tools (with drift diffs), proposals and versions.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { presentProposal, presentTool } from "@/lib/catalog/present";
import type { TProposal, TTool } from "@/lib/catalog/schemas";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { TCatalogDiff } from "@/lib/catalog/schemas";

async function assertServer(serverId: string) {
  const server = await db().identity.findUnique({ where: { id: serverId }, select: { kind: true } });
  if (!server || server.kind !== "server") throw notFound("MCP server");
}

export async function listTools(options: { actor: Actor; serverId: string; includeRemoved?: boolean }): Promise<{ items: TTool[]; version: number }> {
  assertCan(options.actor, "identities:read");
  await assertServer(options.serverId);
  const [tools, latest] = await Promise.all([
    db().tool.findMany({ where: { serverId: options.serverId, ...(options.includeRemoved ? {} : { removedAt: null }) }, orderBy: { name: "asc" } }),
    db().catalogVersion.findFirst({ where: { serverId: options.serverId }, orderBy: { version: "desc" }, select: { version: true } }),
  ]);
  return { items: tools.map(presentTool), version: latest?.version ?? 0 };
}

export async function listProposals(options: { actor: Actor; serverId: string; status?: "open" | "applied" | "discarded" }): Promise<{ items: TProposal[] }> {
  assertCan(options.actor, "identities:read");
  await assertServer(options.serverId);
  const rows = await db().catalogProposal.findMany({ where: { serverId: options.serverId, ...(options.status ? { status: options.status } : {}) }, orderBy: { id: "desc" }, take: 50 });
  return { items: rows.map(presentProposal) };
}

export async function getProposal(options: { actor: Actor; serverId: string; proposalId: string }): Promise<TProposal> {
  assertCan(options.actor, "identities:read");
  const row = await db().catalogProposal.findFirst({ where: { id: options.proposalId, serverId: options.serverId } });
  if (!row) throw notFound("Catalog proposal");
  return presentProposal(row);
}

export async function listCatalogVersions(options: { actor: Actor; serverId: string; cursor?: number; limit: number }) {
  assertCan(options.actor, "identities:read");
  await assertServer(options.serverId);
  const rows = await db().catalogVersion.findMany({
    where: { serverId: options.serverId, ...(options.cursor ? { version: { lt: options.cursor } } : {}) },
    orderBy: { version: "desc" },
    take: options.limit + 1,
  });
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  return {
    items: page.map((row) => ({ id: row.id, version: row.version, source: row.source, diff: row.diff as TCatalogDiff, proposalId: row.proposalId, createdById: row.createdById, createdAt: row.createdAt.toISOString() })),
    nextCursor: more ? String(page[page.length - 1]!.version) : null,
  };
}
