// GET /api/v1/grants/{id} — one grant
import { handle } from "@/lib/api/handle";
import { getGrantContract } from "@/lib/api/contracts/grants";
import { getGrant } from "@/lib/grants/get-grant";

export const GET = handle(getGrantContract, ({ actor, params }) => getGrant({ actor, grantId: params.id }));
