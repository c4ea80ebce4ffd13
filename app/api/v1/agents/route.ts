// GET /api/v1/agents — list agents; POST — register one
import { handle } from "@/lib/api/handle";
import { listAgentsContract, registerAgentContract } from "@/lib/api/contracts/identities";
import { listIdentities } from "@/lib/identities/list-identities";
import { registerIdentity } from "@/lib/identities/register-identity";

export const GET = handle(listAgentsContract, ({ actor, query }) => listIdentities({ actor, kind: "agent", query }));
export const POST = handle(registerAgentContract, ({ actor, body, context }) => registerIdentity({ actor, kind: "agent", input: body, context }));
