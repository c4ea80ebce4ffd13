// The public view of access requests: the request with its agent, server,
// tools, people, steps in order and what the viewer may do with it. Loads the
// names of a page of requests in a few queries.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { nextStep, refusalFor, requiredSteps, type Decider } from "@/lib/access-requests/rules";
import type { ApprovalStep, TAccessRequest } from "@/lib/access-requests/schemas";
import { storedFindings } from "@/lib/access-requests/toxic-gate";
import type { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";

export const ACCESS_REQUEST_INCLUDE = { tools: { orderBy: { scope: "asc" } }, approvals: { orderBy: { createdAt: "asc" } } } as const;

type Client = Tx | ReturnType<typeof db>;

export type RequestRow = {
  id: string;
  agentId: string;
  serverId: string;
  requestedById: string;
  origin: string;
  justification: string;
  grantDays: number | null;
  status: TAccessRequest["status"];
  secondApprovalRequired: boolean;
  securityApprovalRequired: boolean;
  toxicFindings: unknown;
  expiresAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
  grantId: string | null;
  createdAt: Date;
  tools: { toolId: string; scope: string; tier: TAccessRequest["tools"][number]["tier"] }[];
  approvals: { id: string; step: string; approverId: string; decision: string; comment: string | null; createdAt: Date }[];
};

export const deciderOf = (actor: Actor): Decider => ({ userId: actor.userId, isAdmin: can(actor, "grants:manage") });

export async function presentAccessRequests(client: Client, rows: RequestRow[], actor: Actor, now = new Date()): Promise<TAccessRequest[]> {
  if (rows.length === 0) return [];
  const identityIds = [...new Set(rows.flatMap((row) => [row.agentId, row.serverId]))];
  const userIds = [...new Set(rows.flatMap((row) => [row.requestedById, ...row.approvals.map((approval) => approval.approverId)]))];
  const toolIds = [...new Set(rows.flatMap((row) => row.tools.map((tool) => tool.toolId)))];
  // sequential: may run inside a transaction (one connection)
  const identities = await client.identity.findMany({ where: { id: { in: identityIds } }, select: { id: true, name: true, slug: true, status: true, environment: true, ownerId: true, backupOwnerId: true } });
  const users = await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const tools = await client.tool.findMany({ where: { id: { in: toolIds } }, select: { id: true, name: true } });
  const identity = new Map(identities.map((row) => [row.id, row]));
  const user = new Map(users.map((row) => [row.id, row.name]));
  const toolName = new Map(tools.map((row) => [row.id, row.name]));
  const decider = deciderOf(actor);
  return rows.map((row) => {
    const agent = identity.get(row.agentId) ?? { id: row.agentId, name: "(deleted agent)", slug: "", status: "revoked", environment: "development", ownerId: "", backupOwnerId: null };
    const server = identity.get(row.serverId) ?? { id: row.serverId, name: "(deleted server)", slug: "", status: "revoked", environment: "development", ownerId: "", backupOwnerId: null };
    const next = row.status === "pending" ? nextStep(row, row.approvals) : null;
    const expired = row.status === "pending" && row.expiresAt <= now;
    let cannotDecideReason: string | null = null;
    if (row.status !== "pending") cannotDecideReason = `The request is ${row.status}`;
    else if (expired) cannotDecideReason = "The request has expired";
    else if (next) cannotDecideReason = refusalFor(next, decider, row, row.approvals, agent, server);
    const steps = requiredSteps(row).map((step: ApprovalStep) => {
      const approval = row.approvals.find((item) => item.step === step);
      if (approval) return { step, state: approval.decision === "denied" ? ("denied" as const) : ("approved" as const) };
      if (row.status !== "pending") return { step, state: "skipped" as const };
      return { step, state: step === next ? ("pending" as const) : ("waiting" as const) };
    });
    return {
      id: row.id,
      origin: row.origin === "direct_grant" ? "direct_grant" : "request",
      status: row.status,
      agent: { id: agent.id, name: agent.name, slug: agent.slug, status: agent.status, environment: agent.environment },
      server: { id: server.id, name: server.name, slug: server.slug, status: server.status, environment: server.environment },
      requestedBy: { id: row.requestedById, name: user.get(row.requestedById) ?? row.requestedById },
      justification: row.justification,
      grantDays: row.grantDays,
      tools: row.tools.map((tool) => ({ toolId: tool.toolId, name: toolName.get(tool.toolId) ?? tool.scope, scope: tool.scope, tier: tool.tier })),
      steps,
      nextStep: next,
      approvals: row.approvals.map((approval) => ({
        id: approval.id,
        step: approval.step as ApprovalStep,
        decision: approval.decision === "denied" ? ("denied" as const) : ("approved" as const),
        approver: { id: approval.approverId, name: user.get(approval.approverId) ?? approval.approverId },
        comment: approval.comment,
        createdAt: approval.createdAt.toISOString(),
      })),
      toxicFindings: storedFindings(row.toxicFindings),
      securityApprovalRequired: row.securityApprovalRequired,
      secondApprovalRequired: row.secondApprovalRequired,
      expiresAt: row.expiresAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionReason: row.decisionReason,
      grantId: row.grantId,
      createdAt: row.createdAt.toISOString(),
      canDecide: cannotDecideReason === null && next !== null,
      cannotDecideReason,
      canCancel: row.status === "pending" && !expired && actor.userId === row.requestedById,
    };
  });
}

export async function presentAccessRequest(client: Client, row: RequestRow, actor: Actor, now = new Date()): Promise<TAccessRequest> {
  return (await presentAccessRequests(client, [row], actor, now))[0]!;
}

/** The view of one request the caller just made (no permission beyond having made it). */
export async function presentRequestById(client: Client, requestId: string, actor: Actor, now = new Date()): Promise<TAccessRequest> {
  const row = await client.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: ACCESS_REQUEST_INCLUDE });
  return presentAccessRequest(client, row, actor, now);
}
