// One MCP server, by id.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { presentServer, SERVER_INCLUDE } from "@/lib/identities/servers/present";
import type { TServer } from "@/lib/identities/servers/schemas";

export async function getServer(options: { actor: Actor; serverId: string }): Promise<TServer> {
  assertCan(options.actor, "identities:read");
  const row = await db().identity.findFirst({ where: { id: options.serverId, kind: "server" }, include: SERVER_INCLUDE });
  if (!row) throw notFound("Server");
  return presentServer(row);
}
