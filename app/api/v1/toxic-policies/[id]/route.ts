// GET /api/v1/toxic-policies/{id} — one policy; PATCH — change or enable/disable it; DELETE — delete it
import { handle } from "@/lib/api/handle";
import { deleteToxicPolicyContract, getToxicPolicyContract, updateToxicPolicyContract } from "@/lib/api/contracts/toxic";
import { deleteToxicPolicy } from "@/lib/toxic/delete-toxic-policy";
import { getToxicPolicy } from "@/lib/toxic/list-toxic-policies";
import { updateToxicPolicy } from "@/lib/toxic/update-toxic-policy";

export const GET = handle(getToxicPolicyContract, ({ actor, params }) => getToxicPolicy({ actor, policyId: params.id }));
export const PATCH = handle(updateToxicPolicyContract, ({ actor, params, body, context }) => updateToxicPolicy({ actor, policyId: params.id, input: body, context }));
export const DELETE = handle(deleteToxicPolicyContract, ({ actor, params, context }) => deleteToxicPolicy({ actor, policyId: params.id, context }));
