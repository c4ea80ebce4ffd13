// GET /api/v1/resources/{id} — one resource; PATCH — change its registration
import { handle } from "@/lib/api/handle";
import { getResourceContract, updateResourceContract } from "@/lib/api/contracts/identities";
import { getIdentity } from "@/lib/identities/get-identity";
import { updateIdentity } from "@/lib/identities/update-identity";

export const GET = handle(getResourceContract, ({ actor, params }) => getIdentity({ actor, identityId: params.id, kind: "resource" }));
export const PATCH = handle(updateResourceContract, ({ actor, params, body, context }) => updateIdentity({ actor, kind: "resource", identityId: params.id, input: body, context }));
