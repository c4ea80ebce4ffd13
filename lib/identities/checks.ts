// Checks shared by registration, updates and imports: owners must be active
// users, URIs and registry names unique, fronted servers real servers.
import type { Tx } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";

export async function assertActiveUser(tx: Tx, userId: string, field: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
  if (!user) throw invalid("The user does not exist", [{ path: field, message: "no such user" }]);
  if (!user.active) throw invalid("The user is deactivated", [{ path: field, message: "must be an active user" }]);
}

export async function assertUniqueUri(tx: Tx, uri: string, field: string, exceptId?: string): Promise<void> {
  const taken = await tx.identity.findUnique({ where: { resourceUri: uri }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw conflict(`Another identity (${taken.id}) already uses this URI`, [{ path: field, message: "already registered" }]);
}

export async function assertUniqueRegistryName(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const taken = await tx.identity.findUnique({ where: { registryName: name }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw conflict(`Another server (${taken.id}) already has this registry name`, [{ path: "registryName", message: "already registered" }]);
}

export async function assertServers(tx: Tx, serverIds: string[]): Promise<void> {
  if (serverIds.length === 0) return;
  const found = await tx.identity.findMany({ where: { id: { in: serverIds }, kind: "server" }, select: { id: true } });
  const missing = serverIds.filter((id) => !found.some((row) => row.id === id));
  if (missing.length) throw invalid("Gateways can only front registered MCP servers", [{ path: "serverIds", message: `not registered servers: ${missing.join(", ")}` }]);
}
