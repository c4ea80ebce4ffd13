// POST /api/v1/identities/{id}/keys/{keyId}/retire — retire an active key (published until the overlap ends)
import { handle } from "@/lib/api/handle";
import { retireIdentityKeyContract } from "@/lib/api/contracts/keys";
import { retireKey } from "@/lib/identities/keys/retire-key";

export const POST = handle(retireIdentityKeyContract, ({ actor, params, body, context }) => retireKey({ actor, identityId: params.id, keyId: params.keyId, input: body, context }));
