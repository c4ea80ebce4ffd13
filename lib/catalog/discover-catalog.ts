// Live discovery: Warden connects to the server's registered resource URI with
// the MCP SDK client, lists its tools and records them as a proposal. The
// permission check comes before any connection, so nobody can make Warden
// connect on their behalf to a server they do not own. A bearer credential is
// used for this call only — never stored, logged or audited.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { discoverTools } from "@/lib/catalog/discovery/discover-tools";
import { proposeCatalog } from "@/lib/catalog/propose-catalog";
import { ZDiscoverInput, ZReportedTools, type TProposal } from "@/lib/catalog/schemas";
import { loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";

export async function discoverCatalog(options: { actor: Actor; serverId: string; input: z.input<typeof ZDiscoverInput>; context?: RequestContext | null }): Promise<TProposal> {
  const { actor, serverId, context } = options;
  const input = ZDiscoverInput.parse(options.input);
  const server = await transact((tx) => loadServerForCatalog(tx, actor, serverId));
  if (!server.resourceUri) throw conflict("This server has no resource URI to discover from");
  if (server.transport === "stdio_behind_gateway") throw conflict("This server speaks stdio behind a gateway; upload its tools/list result instead");
  const discovered = await discoverTools({ url: server.resourceUri, bearer: input.bearer });
  return proposeCatalog({
    actor,
    serverId,
    source: "discovery",
    tools: ZReportedTools.parse(discovered.tools),
    discovery: { server: { name: discovered.server.name, version: discovered.server.version }, protocolVersion: discovered.protocolVersion, pages: discovered.pages },
    context,
  });
}
