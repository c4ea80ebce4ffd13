// Shortcuts for access request tests: route calls and a server with approved
// tools of each tier, owned by someone other than the agent's owner.
import { POST as cancelRoute } from "@/app/api/v1/access-requests/[id]/cancel/route";
import { POST as decideRoute } from "@/app/api/v1/access-requests/[id]/decision/route";
import { GET as getRoute } from "@/app/api/v1/access-requests/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/access-requests/route";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { GET as getGrantRoute } from "@/app/api/v1/grants/[id]/route";
import type { TGrant } from "@/lib/grants/schemas";
import { call, type CallResult } from "./http";
import { principal, type Principal } from "./registry";
import { approvedCatalog, grant, justification, type Problem, type Tier } from "./tool-catalog";

export type RequestResult = TAccessRequest & Problem;

export function requestAccess(who: Principal, body: Record<string, unknown>) {
  return call<RequestResult>(createRoute, { method: "POST", path: "/api/v1/access-requests", bearer: who.token, body });
}

export function decide(who: Principal, requestId: string, body: Record<string, unknown>) {
  return call<RequestResult>(decideRoute, { method: "POST", path: `/api/v1/access-requests/${requestId}/decision`, params: { id: requestId }, bearer: who.token, body });
}

export function cancel(who: Principal, requestId: string, body: Record<string, unknown> = {}) {
  return call<RequestResult>(cancelRoute, { method: "POST", path: `/api/v1/access-requests/${requestId}/cancel`, params: { id: requestId }, bearer: who.token, body });
}

export function getRequest(who: Principal, requestId: string) {
  return call<RequestResult>(getRoute, { path: `/api/v1/access-requests/${requestId}`, params: { id: requestId }, bearer: who.token });
}

export async function inbox(who: Principal, query: string): Promise<string[]> {
  const result = await call<{ items: TAccessRequest[] }>(listRoute, { path: `/api/v1/access-requests?${query}`, bearer: who.token });
  if (result.status !== 200) throw new Error(`listing answered ${result.status}: ${result.text}`);
  return result.body.items.map((item) => item.id);
}

/** Two admins, the agent's owner and the server's owner; a server with approved tools; an agent. */
export async function fourEyesWorld(tiers: Record<string, Tier> = { "read-a": "read", "write-a": "write", "wipe-a": "irreversible" }, options: { environment?: "production" | "staging"; agentExtra?: Record<string, unknown> } = {}) {
  const [admin, admin2, agentOwner, serverOwner, stranger] = await Promise.all([principal("admin"), principal("admin"), principal("owner"), principal("owner"), principal("owner")]);
  const server = await seedIdentity({ kind: "server", owner: serverOwner, environment: options.environment });
  const tools = await approvedCatalog(server.id, serverOwner, tiers, ["unreviewed-a"]);
  const agent = await seedIdentity({ kind: "agent", owner: agentOwner, extra: options.agentExtra });
  const id = (name: string) => tools[name]!.id;
  const body = (names: string[], extra: Record<string, unknown> = {}) => ({ agentId: agent.id, serverId: server.id, toolIds: names.map(id), justification: justification(), ...extra });
  return { admin, admin2, agentOwner, serverOwner, stranger, server, agent, tools, id, body };
}

/** Everything a refused call must not have changed for this agent. */
export async function requestSnapshot(agentId: string) {
  const [requests, approvals, grants, events] = await Promise.all([
    db().accessRequest.findMany({ where: { agentId }, select: { id: true, status: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db().accessRequestApproval.count({ where: { request: { agentId } } }),
    db().grant.count({ where: { agentId } }),
    db().auditEvent.findMany({ where: { OR: [{ action: { startsWith: "access_request." } }, { action: "grant.created" }] }, select: { details: true } }),
  ]);
  return { requests, approvals, grants, events: events.filter((event) => (event.details as { agentId?: string }).agentId === agentId).length };
}

/**
 * POST /api/v1/grants as `who`; when the grant waits for a second admin (202:
 * irreversible tools), a fresh second admin confirms it. Answers like a direct
 * grant did before four eyes: status 201 and the grant.
 */
export async function grantConfirmed(who: Principal, body: Record<string, unknown>): Promise<CallResult<TGrant & Problem>> {
  const first = await grant(who, body);
  if (first.status !== 202) return first;
  const second = await principal("admin");
  const requestId = (first.body as unknown as TAccessRequest).id;
  const confirmed = await decide(second, requestId, { step: "admin", decision: "approve" });
  if (confirmed.status !== 200 || !confirmed.body.grantId) throw new Error(`confirming answered ${confirmed.status}: ${confirmed.text}`);
  const created = await call<TGrant & Problem>(getGrantRoute, { path: `/api/v1/grants/${confirmed.body.grantId}`, params: { id: confirmed.body.grantId }, bearer: who.token });
  return { ...created, status: 201 };
}
