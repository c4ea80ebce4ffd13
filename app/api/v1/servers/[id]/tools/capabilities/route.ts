// GET /api/v1/servers/{id}/tools/capabilities — the capability tags on a server's tools
import { handle } from "@/lib/api/handle";
import { listToolCapabilitiesContract } from "@/lib/api/contracts/capabilities";
import { listToolCapabilities } from "@/lib/capabilities/list-tool-capabilities";

export const GET = handle(listToolCapabilitiesContract, ({ actor, params }) => listToolCapabilities({ actor, serverId: params.id }));
