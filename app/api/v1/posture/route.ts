// GET /api/v1/posture — the posture dashboard's cards and trends
import { getPostureContract } from "@/lib/api/contracts/posture";
import { handle } from "@/lib/api/handle";
import { getPosture } from "@/lib/posture/get-posture";

export const GET = handle(getPostureContract, ({ actor, query }) => getPosture({ actor, query }));
