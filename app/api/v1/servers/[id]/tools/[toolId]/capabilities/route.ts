// PUT /api/v1/servers/{id}/tools/{toolId}/capabilities — set a tool's approved capability tags, reject proposals
import { handle } from "@/lib/api/handle";
import { setToolCapabilitiesContract } from "@/lib/api/contracts/capabilities";
import { setToolCapabilities } from "@/lib/capabilities/set-tool-capabilities";

export const PUT = handle(setToolCapabilitiesContract, ({ actor, params, body, context }) => setToolCapabilities({ actor, serverId: params.id, toolId: params.toolId, input: body, context }));
