// POST /api/v1/toxic-policies/findings/{id}/accept — accept a warn / require-approval finding with a justification
import { handle } from "@/lib/api/handle";
import { acceptToxicFindingContract } from "@/lib/api/contracts/toxic";
import { acceptToxicFinding } from "@/lib/toxic/accept-toxic-finding";

export const POST = handle(acceptToxicFindingContract, ({ actor, params, body, context }) => acceptToxicFinding({ actor, findingId: params.id, input: body, context }));
