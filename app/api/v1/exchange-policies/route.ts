// GET /api/v1/exchange-policies — list exchange policies; POST — allow a server to exchange tokens for a resource
import { handle } from "@/lib/api/handle";
import { createExchangePolicyContract, listExchangePoliciesContract } from "@/lib/api/contracts/grants";
import { createExchangePolicy } from "@/lib/exchange/create-exchange-policy";
import { listExchangePolicies } from "@/lib/exchange/list-exchange-policies";

export const GET = handle(listExchangePoliciesContract, ({ actor, query }) => listExchangePolicies({ actor, query }));
export const POST = handle(createExchangePolicyContract, ({ actor, body, context }) => createExchangePolicy({ actor, input: body, context }));
