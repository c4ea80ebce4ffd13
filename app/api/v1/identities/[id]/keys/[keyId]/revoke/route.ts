// POST /api/v1/identities/{id}/keys/{keyId}/revoke — revoke a key at once, with a reason
import { handle } from "@/lib/api/handle";
import { revokeIdentityKeyContract } from "@/lib/api/contracts/keys";
import { revokeKey } from "@/lib/identities/keys/revoke-key";

export const POST = handle(revokeIdentityKeyContract, ({ actor, params, body, context }) => revokeKey({ actor, identityId: params.id, keyId: params.keyId, input: body, context }));
