// The toxic-combination check of a grant or request (lib/toxic/check.ts),
// turned into what this module does with it: a block-mode violation refuses
// the change (409, naming the tools); require_approval adds a security step;
// warn is recorded and shown. Call after lockAgentAccess, inside the
// transaction that then writes.
import "server-only";
import type { TToxicFindingView } from "@/lib/access-requests/schemas";
import type { Tx } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { toxicViolations, type ToxicViolation } from "@/lib/toxic/check";

export type ToxicOutcome = { securityApprovalRequired: boolean; findings: TToxicFindingView[] };

export function findingView(violation: ToxicViolation): TToxicFindingView {
  return { policyId: violation.policyId, policyName: violation.policyName, mode: violation.mode, explanation: violation.explanation, tools: violation.tools };
}

/** Throws 409 for block-mode violations; otherwise says whether a security approval is needed and what to record. */
export async function toxicGate(tx: Tx, agentId: string, toolIds: string[]): Promise<ToxicOutcome> {
  const violations = await toxicViolations(tx, agentId, toolIds);
  const blocking = violations.filter((violation) => violation.mode === "block");
  if (blocking.length) {
    throw conflict(
      `This would give the agent a toxic combination of tools: ${blocking.map((violation) => violation.explanation).join("; ")}`,
      blocking.map((violation) => ({ path: "toolIds", message: violation.explanation })),
    );
  }
  return { securityApprovalRequired: violations.some((violation) => violation.mode === "require_approval"), findings: violations.map(findingView) };
}

/** The stored findings of a request (toxicFindings JSON), tolerant of rows written by older code. */
export function storedFindings(value: unknown): TToxicFindingView[] {
  return Array.isArray(value) ? (value.filter((item) => item && typeof item === "object" && typeof (item as { explanation?: unknown }).explanation === "string") as TToxicFindingView[]) : [];
}
