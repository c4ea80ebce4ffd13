// GET /api/v1/effective-access — which agents can call which tools now
import { handle } from "@/lib/api/handle";
import { effectiveAccessContract } from "@/lib/api/contracts/grants";
import { effectiveAccess } from "@/lib/grants/effective-access";

export const GET = handle(effectiveAccessContract, ({ actor, query }) => effectiveAccess({ actor, query }));
