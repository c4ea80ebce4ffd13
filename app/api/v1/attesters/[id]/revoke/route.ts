// POST /api/v1/attesters/{id}/revoke — stop trusting an attester
import { handle } from "@/lib/api/handle";
import { revokeAttesterContract } from "@/lib/api/contracts/attesters";
import { revokeAttester } from "@/lib/attesters/revoke-attester";

export const POST = handle(revokeAttesterContract, ({ actor, params, body, context }) => revokeAttester({ actor, attesterId: params.id, input: body, context }));
