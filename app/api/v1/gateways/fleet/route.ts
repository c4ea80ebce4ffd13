// GET /api/v1/gateways/fleet — the enforcement fleet's status
import { handle } from "@/lib/api/handle";
import { listFleetContract } from "@/lib/api/contracts/fleet";
import { listFleet } from "@/lib/policy/status/list-fleet";

export const GET = handle(listFleetContract, ({ actor }) => listFleet({ actor }));
