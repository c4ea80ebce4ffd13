// POST /api/v1/servers/import — import MCP servers from MCP Registry server.json documents, all or nothing
import { handle } from "@/lib/api/handle";
import { importServersContract } from "@/lib/api/contracts/import";
import { importServers } from "@/lib/identities/import/apply-import";

export const POST = handle(importServersContract, ({ actor, body, context }) => importServers({ actor, input: body, context }));
