// POST /api/v1/grants/{id}/revoke — revoke a grant with a reason
import { handle } from "@/lib/api/handle";
import { revokeGrantContract } from "@/lib/api/contracts/grants";
import { revokeGrant } from "@/lib/grants/revoke-grant";

export const POST = handle(revokeGrantContract, ({ actor, params, body, context }) => revokeGrant({ actor, grantId: params.id, input: body, context }));
