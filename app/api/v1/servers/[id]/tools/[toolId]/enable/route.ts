// POST /api/v1/servers/{id}/tools/{toolId}/enable — enable a tool
import { handle } from "@/lib/api/handle";
import { enableToolContract } from "@/lib/api/contracts/catalog";
import { setToolEnabled } from "@/lib/catalog/set-tool-enabled";

export const POST = handle(enableToolContract, ({ actor, params, body, context }) =>
  setToolEnabled({ actor, serverId: params.id, toolId: params.toolId, enabled: true, reason: body.reason, context }),
);
