// GET /api/v1/audit/events/{id}/chain — the delegation chain around an event (lib/audit/delegation-chain.ts)
import { getDelegationChainContract } from "@/lib/api/contracts/audit";
import { handle } from "@/lib/api/handle";
import { delegationChain } from "@/lib/audit/delegation-chain";

export const GET = handle(getDelegationChainContract, ({ actor, params }) => delegationChain({ actor, eventId: params.id }));
