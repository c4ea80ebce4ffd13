// GET /api/v1/toxic-policies/findings — agents holding toxic combinations (findings, newest first)
import { handle } from "@/lib/api/handle";
import { listToxicFindingsContract } from "@/lib/api/contracts/toxic";
import { listToxicFindings } from "@/lib/toxic/list-toxic-findings";

export const GET = handle(listToxicFindingsContract, ({ actor, query }) => listToxicFindings({ actor, query }));
