// POST /api/v1/servers/{id}/tools/{toolId}/disable — disable a tool
import { handle } from "@/lib/api/handle";
import { disableToolContract } from "@/lib/api/contracts/catalog";
import { setToolEnabled } from "@/lib/catalog/set-tool-enabled";

export const POST = handle(disableToolContract, ({ actor, params, body, context }) =>
  setToolEnabled({ actor, serverId: params.id, toolId: params.toolId, enabled: false, reason: body.reason, context }),
);
