// GET /api/v1/attesters/{id} — one trusted attester; PATCH — change its name, keys, hardware claims or expiry
import { handle } from "@/lib/api/handle";
import { getAttesterContract, updateAttesterContract } from "@/lib/api/contracts/attesters";
import { getAttester } from "@/lib/attesters/get-attester";
import { updateAttester } from "@/lib/attesters/update-attester";

export const GET = handle(getAttesterContract, ({ actor, params }) => getAttester({ actor, attesterId: params.id }));
export const PATCH = handle(updateAttesterContract, ({ actor, params, body, context }) => updateAttester({ actor, attesterId: params.id, input: body, context }));
