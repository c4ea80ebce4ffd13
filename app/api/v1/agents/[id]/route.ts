// GET /api/v1/agents/{id} — one agent; PATCH — change its registration
import { handle } from "@/lib/api/handle";
import { getAgentContract, updateAgentContract } from "@/lib/api/contracts/identities";
import { getIdentity } from "@/lib/identities/get-identity";
import { updateIdentity } from "@/lib/identities/update-identity";

export const GET = handle(getAgentContract, ({ actor, params }) => getIdentity({ actor, identityId: params.id, kind: "agent" }));
export const PATCH = handle(updateAgentContract, ({ actor, params, body, context }) => updateIdentity({ actor, kind: "agent", identityId: params.id, input: body, context }));
