// POST /api/v1/audit/anchors — sign the audit chain's head now (admins)
import { handle } from "@/lib/api/handle";
import { createAuditAnchorContract } from "@/lib/api/contracts/audit-integrity";
import { anchorAuditChainNow } from "@/lib/audit/anchor/anchor-now";
import { presentAnchor } from "@/lib/audit/integrity/present";

export const POST = handle(createAuditAnchorContract, async ({ actor, context }) => presentAnchor(await anchorAuditChainNow({ actor, context })));
