// GET /api/v1/revocations — revocations and their reach across the gateway fleet
import { handle } from "@/lib/api/handle";
import { listRevocationsContract } from "@/lib/api/contracts/fleet";
import { listRevocations } from "@/lib/policy/status/list-revocations";

export const GET = handle(listRevocationsContract, ({ actor, query }) => listRevocations({ actor, cursor: query.cursor, limit: query.limit }));
