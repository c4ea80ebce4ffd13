// The capability tags on a server's tools (approved and proposed), for the
// catalog page; any catalog reader may see them.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { presentToolCapability } from "@/lib/capabilities/present";
import type { TToolCapability } from "@/lib/capabilities/schemas";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

export async function listToolCapabilities(options: { actor: Actor; serverId: string }): Promise<{ items: TToolCapability[] }> {
  assertCan(options.actor, "identities:read");
  const server = await db().identity.findUnique({ where: { id: options.serverId }, select: { kind: true } });
  if (!server || server.kind !== "server") throw notFound("MCP server");
  const rows = await db().toolCapability.findMany({ where: { tool: { serverId: options.serverId } }, orderBy: [{ toolId: "asc" }, { tag: "asc" }] });
  return { items: rows.map(presentToolCapability) };
}
