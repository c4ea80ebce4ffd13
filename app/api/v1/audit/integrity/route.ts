// GET /api/v1/audit/integrity — latest chain verifications, anchors, retention settings and runs
import { handle } from "@/lib/api/handle";
import { getAuditIntegrityContract } from "@/lib/api/contracts/audit-integrity";
import { getAuditIntegrity } from "@/lib/audit/integrity/get-integrity";

export const GET = handle(getAuditIntegrityContract, ({ actor }) => getAuditIntegrity({ actor }));
