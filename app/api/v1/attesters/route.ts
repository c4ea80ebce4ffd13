// GET /api/v1/attesters — list trusted attesters; POST — trust a new attester
import { handle } from "@/lib/api/handle";
import { listAttestersContract, registerAttesterContract } from "@/lib/api/contracts/attesters";
import { listAttesters } from "@/lib/attesters/list-attesters";
import { registerAttester } from "@/lib/attesters/register-attester";

export const GET = handle(listAttestersContract, ({ actor, query }) => listAttesters({ actor, query }));
export const POST = handle(registerAttesterContract, ({ actor, body, context }) => registerAttester({ actor, input: body, context }));
