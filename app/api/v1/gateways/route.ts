// GET /api/v1/gateways — list gateways; POST — register one
import { handle } from "@/lib/api/handle";
import { listGatewaysContract, registerGatewayContract } from "@/lib/api/contracts/identities";
import { listIdentities } from "@/lib/identities/list-identities";
import { registerIdentity } from "@/lib/identities/register-identity";

export const GET = handle(listGatewaysContract, ({ actor, query }) => listIdentities({ actor, kind: "gateway", query }));
export const POST = handle(registerGatewayContract, ({ actor, body, context }) => registerIdentity({ actor, kind: "gateway", input: body, context }));
