// Accepts a warn or require-approval finding after review (admins), with a
// recorded justification: the agent keeps the combination, and the finding
// leaves the open list until its access changes. Block-mode findings cannot be
// accepted: revoke the access, or change the policy.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { FINDING_INCLUDE, presentFindings } from "@/lib/toxic/present";
import { ZAcceptFindingInput, type TToxicFinding } from "@/lib/toxic/schemas";

export async function acceptToxicFinding(options: { actor: Actor; findingId: string; input: z.input<typeof ZAcceptFindingInput>; context?: RequestContext | null }): Promise<TToxicFinding> {
  const { actor, findingId, context } = options;
  assertCan(actor, "grants:manage");
  const { justification } = ZAcceptFindingInput.parse(options.input);
  return transact(async (tx) => {
    const finding = await tx.toxicFinding.findUnique({ where: { id: findingId }, include: FINDING_INCLUDE });
    if (!finding) throw notFound("Finding");
    if (finding.status !== "open") throw conflict(`This finding is ${finding.status}; only open findings can be accepted`, [{ path: "id", message: finding.status }]);
    if (finding.policy.mode === "block") {
      throw conflict(`"${finding.policy.name}" is in block mode: its findings cannot be accepted. Revoke the access, or change the policy's mode`, [{ path: "id", message: "block-mode policy" }]);
    }
    const updated = await tx.toxicFinding.update({ where: { id: findingId }, data: { status: "accepted" }, include: FINDING_INCLUDE });
    await appendAuditEvent(tx, {
      action: "toxic_finding.accepted",
      actor: actorRef(actor),
      target: { type: "toxic_finding", id: findingId },
      details: { agentId: finding.agentId, policyId: finding.policy.id, policyName: finding.policy.name, mode: finding.policy.mode, tools: finding.tools, justification },
      context,
    });
    return (await presentFindings(tx, [updated]))[0]!;
  });
}
