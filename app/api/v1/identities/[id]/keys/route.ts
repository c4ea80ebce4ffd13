// GET /api/v1/identities/{id}/keys — list an identity's keys; POST — add public keys (JWK or JWK Set)
import { handle } from "@/lib/api/handle";
import { addIdentityKeysContract, listIdentityKeysContract } from "@/lib/api/contracts/keys";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { listKeys } from "@/lib/identities/keys/list-keys";

export const GET = handle(listIdentityKeysContract, ({ actor, params, query }) => listKeys({ actor, identityId: params.id, query }));
export const POST = handle(addIdentityKeysContract, ({ actor, params, body, context }) => addKeys({ actor, identityId: params.id, input: body, context }));
