// GET /api/v1/toxic-policies — list toxic-combination policies; POST — create one
import { handle } from "@/lib/api/handle";
import { createToxicPolicyContract, listToxicPoliciesContract } from "@/lib/api/contracts/toxic";
import { createToxicPolicy } from "@/lib/toxic/create-toxic-policy";
import { listToxicPolicies } from "@/lib/toxic/list-toxic-policies";

export const GET = handle(listToxicPoliciesContract, ({ actor }) => listToxicPolicies({ actor }));
export const POST = handle(createToxicPolicyContract, ({ actor, body, context }) => createToxicPolicy({ actor, input: body, context }));
