// POST /api/v1/audit/verify — verify the audit hash chain
import { handle } from "@/lib/api/handle";
import { verifyAuditChainContract } from "@/lib/api/contracts/audit";
import { verifyChainAsUser } from "@/lib/audit/verify-chain";

export const POST = handle(verifyAuditChainContract, ({ actor, context }) => verifyChainAsUser({ actor, context }));
