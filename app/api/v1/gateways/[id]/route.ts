// GET /api/v1/gateways/{id} — one gateway; PATCH — change its registration
import { handle } from "@/lib/api/handle";
import { getGatewayContract, updateGatewayContract } from "@/lib/api/contracts/identities";
import { getIdentity } from "@/lib/identities/get-identity";
import { updateIdentity } from "@/lib/identities/update-identity";

export const GET = handle(getGatewayContract, ({ actor, params }) => getIdentity({ actor, identityId: params.id, kind: "gateway" }));
export const PATCH = handle(updateGatewayContract, ({ actor, params, body, context }) => updateIdentity({ actor, kind: "gateway", identityId: params.id, input: body, context }));
