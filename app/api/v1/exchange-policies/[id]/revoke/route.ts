// POST /api/v1/exchange-policies/{id}/revoke — revoke an exchange policy
import { handle } from "@/lib/api/handle";
import { revokeExchangePolicyContract } from "@/lib/api/contracts/grants";
import { revokeExchangePolicy } from "@/lib/exchange/revoke-exchange-policy";

export const POST = handle(revokeExchangePolicyContract, ({ actor, params, body, context }) => revokeExchangePolicy({ actor, policyId: params.id, input: body, context }));
