// Loads an MCP server for a catalog change (owners and admins), refusing
// revoked servers, whose catalog is history.
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { loadIdentityForChange } from "@/lib/identities/access";

export async function loadServerForCatalog(tx: Tx, actor: Actor, serverId: string) {
  const server = await loadIdentityForChange(tx, actor, serverId, "server");
  if (server.status === "revoked") throw conflict("This MCP server is revoked; its catalog is kept as history and cannot change");
  return server;
}

export async function currentCatalogVersion(tx: Tx, serverId: string): Promise<number> {
  const latest = await tx.catalogVersion.findFirst({ where: { serverId }, orderBy: { version: "desc" }, select: { version: true } });
  return latest?.version ?? 0;
}
