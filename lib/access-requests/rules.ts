// The four-eyes rules of access requests, as pure functions (unit-tested in
// rules.test.ts): which steps a request needs, which one is next, and who may
// decide it. The domain functions load the rows and call these inside their
// transaction; the inbox calls them to say what the viewer may do.
import type { ApprovalStep } from "@/lib/access-requests/schemas";

export type Ownership = { ownerId: string; backupOwnerId: string | null };

export type StepRequest = {
  requestedById: string;
  secondApprovalRequired: boolean;
  securityApprovalRequired: boolean;
};

export type StepApproval = { step: string; approverId: string; decision: string };

/** The person deciding: a user id (null for Warden itself) and whether they act as an admin (grants:manage). */
export type Decider = { userId: string | null; isAdmin: boolean };

/**
 * Every step the request needs, in order. The owner step is always there: a
 * request's server owner decides it, and a direct grant records the granting
 * admin in it. Then the second admin, then the security approval.
 */
export function requiredSteps(request: Pick<StepRequest, "secondApprovalRequired" | "securityApprovalRequired">): ApprovalStep[] {
  return ["owner", ...(request.secondApprovalRequired ? (["admin"] as const) : []), ...(request.securityApprovalRequired ? (["security"] as const) : [])];
}

/** The first required step without an approval; null when every step is approved (or one was denied). */
export function nextStep(request: StepRequest, approvals: StepApproval[]): ApprovalStep | null {
  if (approvals.some((approval) => approval.decision === "denied")) return null;
  return requiredSteps(request).find((step) => !approvals.some((approval) => approval.step === step)) ?? null;
}

const owns = (userId: string, identity: Ownership) => identity.ownerId === userId || identity.backupOwnerId === userId;

/**
 * Why `decider` may not decide `step` of the request, or null when they may.
 * - nobody decides their own request, at any step;
 * - owner: an owner or backup owner of the server, or an admin;
 * - admin: an admin who did not approve the owner step and does not own the agent;
 * - security: an admin (a comment is required, checked by the caller).
 */
export function refusalFor(step: ApprovalStep, decider: Decider, request: StepRequest, approvals: StepApproval[], agent: Ownership, server: Ownership): string | null {
  const userId = decider.userId;
  if (!userId) return "Approvals are made by people: Warden itself cannot approve a request";
  if (userId === request.requestedById) return "You made this request: someone else must approve it";
  if (step === "owner") {
    if (decider.isAdmin || owns(userId, server)) return null;
    return "Only an owner of the MCP server or an admin can decide this step";
  }
  if (!decider.isAdmin) return step === "admin" ? "The second approval needs another admin" : "The security approval needs an admin";
  if (step === "admin") {
    const ownerApproval = approvals.find((approval) => approval.step === "owner");
    if (ownerApproval?.approverId === userId) return "You approved the first step: the second approval needs a different admin";
    if (owns(userId, agent)) return "You own this agent: the second approval needs an admin who does not";
  }
  return null;
}

/** Whether tools of these tiers need a second approval: irreversible always, write on a production server when the setting says so. */
export function needsSecondApproval(tiers: (string | null)[], serverEnvironment: string, secondApprovalForProductionWrite: boolean): boolean {
  return tiers.some((tier) => tier === "irreversible" || (tier === "write" && secondApprovalForProductionWrite && serverEnvironment === "production"));
}
