// Toxic-combination checks (issue 11), shared by grants, access requests,
// campaign "modify" decisions and catalog reclassification. An agent's
// capabilities are the approved tags of the tools it holds through standing
// grants on every server; a policy is violated when they include all its tags.
//
// Held here means standing (lib/grants/effective-access.ts) *including*
// suspended grants: a suspension is the enforcement of a finding, not the end
// of it. Counting them keeps the finding open for review until the access is
// revoked or the policy changes, refuses a new grant that would complete the
// combination again, and is what lifting a suspension is checked against.
//
// A re-evaluation can concern every agent of an estate (a server resumed, a
// widely held tool retagged): id lists go to the database in slices
// (lib/db/chunks.ts), as SQLite refuses more than 999 bound parameters.
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { chunks } from "@/lib/db/chunks";
import type { Db, Prisma } from "@/lib/db/client";
import { dbProvider } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { effectiveGrantToolWhere } from "@/lib/grants/effective-access";
import { newId } from "@/lib/ids";
import { grantsToSuspend, isToxicMode, storedTags, violationsOf, type HeldTool, type PolicyRule } from "@/lib/toxic/evaluate";

export type ToxicMode = "block" | "require_approval" | "warn";

/** One tool that gives an agent a capability tag, through one of its grants (or the change being checked). */
export type CapabilityTool = { toolId: string; toolName: string; scope: string; serverId: string; serverName: string };

export type ToxicViolation = {
  policyId: string;
  policyName: string;
  mode: ToxicMode;
  /** every tag of the policy → the tools that give it to the agent after the change */
  tools: Record<string, CapabilityTool[]>;
  /** a sentence naming the policy and the tools, e.g. "Lethal trifecta: read_inbox on Mail (reads-private-data), fetch_page on Browser (untrusted-input), send_email on Mail (external-communication)" */
  explanation: string;
};

/** Standing grant tools, suspended ones included (see the top of this file). */
export function heldGrantToolWhere(now: Date) {
  const base = effectiveGrantToolWhere(now);
  return { ...base, grant: { ...base.grant, suspendedAt: undefined } };
}

const TOOL_SELECT = { name: true, scope: true, serverId: true, server: { select: { name: true } }, capabilities: { where: { status: "approved" }, select: { tag: true } } } as const;

type ToolRow = { name: string; scope: string; serverId: string; server: { name: string }; capabilities: { tag: string }[] };

const heldTool = (toolId: string, tool: ToolRow, grantId: string | null, suspended: boolean): HeldTool => ({
  toolId,
  toolName: tool.name,
  scope: tool.scope,
  serverId: tool.serverId,
  serverName: tool.server.name,
  grantId,
  suspended,
  tags: tool.capabilities.map((capability) => capability.tag),
});

/** What each agent holds, by agent id. */
export async function loadHeld(tx: Tx | Db, agentIds: string[], now = new Date()): Promise<Map<string, HeldTool[]>> {
  const where = heldGrantToolWhere(now);
  const held = new Map<string, HeldTool[]>(agentIds.map((id) => [id, []]));
  // in slices (SQLite's 999 bound parameters; Prisma does not split a findMany with orderBy): an agent's rows all come from one slice, in order
  for (const slice of chunks([...held.keys()])) {
    const rows = await tx.grantTool.findMany({
      where: { ...where, grant: { ...where.grant, agentId: { in: slice } } },
      select: { grantId: true, toolId: true, grant: { select: { agentId: true, suspendedAt: true } }, tool: { select: TOOL_SELECT } },
      orderBy: [{ grantId: "asc" }, { toolId: "asc" }],
    });
    for (const row of rows) held.get(row.grant.agentId)?.push(heldTool(row.toolId, row.tool, row.grantId, row.grant.suspendedAt !== null));
  }
  return held;
}

export async function enabledPolicies(tx: Tx): Promise<PolicyRule[]> {
  const rows = await tx.toxicPolicy.findMany({ where: { enabled: true }, orderBy: { id: "asc" }, select: { id: true, name: true, mode: true, tags: true } });
  return rows.flatMap((row) => (isToxicMode(row.mode) ? [{ id: row.id, name: row.name, mode: row.mode, tags: storedTags(row.tags) }] : []));
}

/**
 * Serializes changes of one agent's access: two transactions that could each
 * complete a toxic combination must not both pass their check. Call first in
 * the transaction that checks and then writes.
 */
export async function lockAgentAccess(tx: Tx, agentId: string): Promise<void> {
  // PostgreSQL: the agent's row lock, held to commit; the second transaction waits here and then reads the first one's grant.
  // SQLite: transactions already hold the database write lock from BEGIN (lib/db/serialized-sqlite-adapter.ts);
  // the no-op write makes that explicit should the adapter ever begin deferred.
  if (dbProvider() === "postgresql") await tx.$queryRaw`SELECT 1 FROM "Identity" WHERE "id" = ${agentId} FOR UPDATE`;
  else await tx.$executeRaw`UPDATE "Identity" SET "id" = "id" WHERE "id" = ${agentId}`;
}

/**
 * lockAgentAccess for many agents, one statement per slice instead of one per
 * agent. The rows are locked in id order — PostgreSQL locks the rows of
 * `ORDER BY … FOR UPDATE` as they come out of the sort; "C" is the byte order,
 * which is JavaScript's for these ASCII ids — so two re-evaluations over
 * overlapping agents take their locks in the same order and cannot deadlock.
 */
export async function lockAgentsAccess(tx: Tx, agentIds: readonly string[]): Promise<void> {
  const postgres = dbProvider() === "postgresql";
  for (const slice of chunks([...new Set(agentIds)].sort())) {
    const params = slice.map((_, index) => (postgres ? `$${index + 1}` : "?")).join(", ");
    if (postgres) await tx.$queryRawUnsafe(`SELECT 1 FROM "Identity" WHERE "id" IN (${params}) ORDER BY "id" COLLATE "C" FOR UPDATE`, ...slice);
    else await tx.$executeRawUnsafe(`UPDATE "Identity" SET "id" = "id" WHERE "id" IN (${params})`, ...slice);
  }
}

/**
 * The enabled policies the agent's effective access (standing grants on every
 * server, approved capability tags only) would violate once it also holds
 * `addingToolIds`, counting only violations that the added tools complete
 * (a combination the agent already held is a finding, not a refusal of this change).
 */
export async function toxicViolations(tx: Tx, agentId: string, addingToolIds: string[]): Promise<ToxicViolation[]> {
  const adding = [...new Set(addingToolIds)];
  if (adding.length === 0) return [];
  const policies = await enabledPolicies(tx);
  if (policies.length === 0) return [];
  const held = (await loadHeld(tx, [agentId])).get(agentId) ?? [];
  const tools = await tx.tool.findMany({ where: { id: { in: adding } }, select: { id: true, ...TOOL_SELECT } });
  return violationsOf(policies, [...held, ...tools.map((tool) => heldTool(tool.id, tool, null, false))], new Set(adding));
}

type FindingRow = { id: string; agentId: string; policyId: string; status: string };

const system = actorRef(SYSTEM_ACTOR);

async function openFinding(tx: Tx, agentId: string, violation: ToxicViolation, existing: FindingRow | undefined, reason: string, now: Date): Promise<boolean> {
  const tools = violation.tools as unknown as Prisma.InputJsonValue;
  const reopen = !existing || existing.status === "resolved" || (existing.status === "accepted" && violation.mode === "block");
  if (!reopen) {
    await tx.toxicFinding.update({ where: { id: existing.id }, data: { tools } });
    return false;
  }
  const id = existing?.id ?? newId("toxicFinding");
  if (existing) await tx.toxicFinding.update({ where: { id }, data: { status: "open", tools, detectedAt: now, resolvedAt: null } });
  else await tx.toxicFinding.create({ data: { id, agentId, policyId: violation.policyId, status: "open", tools, detectedAt: now } });
  await appendAuditEvent(tx, {
    action: "toxic_finding.opened",
    actor: system,
    target: { type: "toxic_finding", id },
    details: { agentId, policyId: violation.policyId, policyName: violation.policyName, mode: violation.mode, tools: violation.tools, explanation: violation.explanation, reason },
    at: now,
  });
  return true;
}

async function suspendGrants(tx: Tx, agentId: string, violation: ToxicViolation, held: HeldTool[], reason: string, now: Date): Promise<void> {
  for (const grantId of grantsToSuspend(violation, held)) {
    const tools = held.filter((tool) => tool.grantId === grantId);
    await tx.grant.update({ where: { id: grantId }, data: { suspendedAt: now, suspendedReason: violation.explanation } });
    for (const tool of tools) tool.suspended = true;
    await appendAuditEvent(tx, {
      action: "grant.suspended",
      actor: system,
      target: { type: "grant", id: grantId },
      details: { agentId, serverId: tools[0]?.serverId ?? null, policyId: violation.policyId, policyName: violation.policyName, scopes: tools.map((tool) => tool.scope), explanation: violation.explanation, reason },
      at: now,
    });
  }
}

/**
 * Re-evaluates these agents after their access or their tools' tags changed:
 * opens or refreshes a finding per violated policy, resolves findings that no
 * longer hold, and for block-mode policies suspends the offending grants with
 * an explanation (audited). Returns the agents newly flagged.
 */
export async function reevaluateAgents(tx: Tx, agentIds: string[], reason: string): Promise<string[]> {
  const agents = [...new Set(agentIds)].sort();
  if (agents.length === 0) return [];
  // every lock before anything is read, as for a single agent: a concurrent change of one of these agents' access
  // (or a policy evaluated for them) either commits before the reads below or waits for this transaction
  await lockAgentsAccess(tx, agents);
  const now = new Date();
  const policies = await enabledPolicies(tx);
  const flagged: string[] = [];
  // each agent is evaluated on its own: slices keep every id list within SQLite's 999 bound parameters
  for (const slice of chunks(agents)) {
    // With no enabled policy nothing can be violated, so what an agent holds does not matter: the only work left is
    // resolving findings still open or accepted (a policy just disabled leaves them) — exactly what the loop below does then.
    const heldBy = policies.length > 0 ? await loadHeld(tx, slice, now) : new Map<string, HeldTool[]>();
    const findings = await tx.toxicFinding.findMany({
      where: { agentId: { in: slice }, ...(policies.length > 0 ? {} : { status: { not: "resolved" } }) },
      select: { id: true, agentId: true, policyId: true, status: true },
    });
    const findingsOf = new Map<string, FindingRow[]>(slice.map((id) => [id, []]));
    for (const finding of findings) findingsOf.get(finding.agentId)?.push(finding);
    for (const agentId of slice) {
      const held = heldBy.get(agentId) ?? [];
      const mine = new Map((findingsOf.get(agentId) ?? []).map((finding) => [finding.policyId, finding]));
      const violations = violationsOf(policies, held);
      let newly = false;
      for (const violation of violations) {
        if (await openFinding(tx, agentId, violation, mine.get(violation.policyId), reason, now)) newly = true;
        if (violation.mode === "block") await suspendGrants(tx, agentId, violation, held, reason, now);
      }
      const violated = new Set(violations.map((violation) => violation.policyId));
      for (const finding of mine.values()) {
        if (violated.has(finding.policyId) || finding.status === "resolved") continue;
        await tx.toxicFinding.update({ where: { id: finding.id }, data: { status: "resolved", resolvedAt: now } });
        await appendAuditEvent(tx, { action: "toxic_finding.resolved", actor: system, target: { type: "toxic_finding", id: finding.id }, details: { agentId, policyId: finding.policyId, reason }, at: now });
      }
      if (newly) flagged.push(agentId);
    }
  }
  return flagged;
}

/** Grants (standing, suspended included) whose tools match `tool`, reduced to their agents. */
async function agentsWhere(tx: Tx, tool: Prisma.ToolWhereInput): Promise<string[]> {
  const where = heldGrantToolWhere(new Date());
  const rows = await tx.grant.findMany({
    where: { ...where.grant, tools: { some: { revokedAt: null, tool: { ...where.tool, ...tool } } } },
    select: { agentId: true },
    distinct: ["agentId"],
    orderBy: { agentId: "asc" },
  });
  return rows.map((row) => row.agentId);
}

/** The agents with standing grants on any of these tools (whose combinations a tag change can alter), in id order. */
export async function agentsHoldingTools(tx: Tx, toolIds: string[]): Promise<string[]> {
  const agents = new Set<string>();
  // a review reclassifies up to 1,000 tools: slices keep the list within SQLite's 999 bound parameters
  for (const slice of chunks([...new Set(toolIds)])) for (const agentId of await agentsWhere(tx, { id: { in: slice } })) agents.add(agentId);
  return [...agents].sort();
}

/** The agents holding a tool with any of these approved tags (whom a policy over them can concern). */
export async function agentsHoldingTags(tx: Tx, tags: string[]): Promise<string[]> {
  if (tags.length === 0) return [];
  return agentsWhere(tx, { capabilities: { some: { status: "approved", tag: { in: [...new Set(tags)] } } } });
}

/**
 * After access was taken away (a revocation, a narrowing, a suspended or
 * revoked identity): removing access can end a combination but never complete
 * one, so only agents with a finding still open (or accepted) need a look.
 * One query (per slice of agents) for everyone else — bulk revocations (campaign deadlines) stay cheap.
 */
export async function reevaluateAfterRemoval(tx: Tx, agentIds: string[], reason: string): Promise<void> {
  const flagged: string[] = [];
  // a suspended server passes every agent granted on it: slices keep the list within SQLite's 999 bound parameters
  for (const slice of chunks([...new Set(agentIds)])) {
    const rows = await tx.toxicFinding.findMany({ where: { agentId: { in: slice }, status: { not: "resolved" } }, select: { agentId: true }, distinct: ["agentId"] });
    flagged.push(...rows.map((row) => row.agentId));
  }
  if (flagged.length > 0) await reevaluateAgents(tx, flagged, reason);
}
