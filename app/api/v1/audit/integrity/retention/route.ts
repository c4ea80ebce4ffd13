// PATCH /api/v1/audit/integrity/retention — change audit retention and the anchoring interval (admins)
import { handle } from "@/lib/api/handle";
import { updateAuditRetentionContract } from "@/lib/api/contracts/audit-integrity";
import { updateAuditRetention } from "@/lib/audit/retention/update-retention";

export const PATCH = handle(updateAuditRetentionContract, ({ actor, body, context }) => updateAuditRetention({ actor, input: body, context }));
