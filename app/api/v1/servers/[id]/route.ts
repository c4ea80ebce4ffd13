// GET /api/v1/servers/{id} — one server; PATCH — change its registration
import { handle } from "@/lib/api/handle";
import { getServerContract, updateServerContract } from "@/lib/api/contracts/identities";
import { getIdentity } from "@/lib/identities/get-identity";
import { updateIdentity } from "@/lib/identities/update-identity";

export const GET = handle(getServerContract, ({ actor, params }) => getIdentity({ actor, identityId: params.id, kind: "server" }));
export const PATCH = handle(updateServerContract, ({ actor, params, body, context }) => updateIdentity({ actor, kind: "server", identityId: params.id, input: body, context }));
