// POST /api/v1/toxic-policies/suspensions/{grantId}/lift — lift a block-mode suspension of a grant after review
import { handle } from "@/lib/api/handle";
import { liftGrantSuspensionContract } from "@/lib/api/contracts/toxic";
import { liftGrantSuspension } from "@/lib/toxic/lift-grant-suspension";

export const POST = handle(liftGrantSuspensionContract, ({ actor, params, body, context }) => liftGrantSuspension({ actor, grantId: params.grantId, input: body, context }));
