// Grants an agent tool scopes on one server (admins). Every tool must be an
// approved tool of that server; shortcuts ("all read tools") expand to the
// approved tools at this moment, so tools added later are never granted
// implicitly. Suspended or revoked agents and servers get nothing, and a scope
// the agent already holds through an active grant is refused.
//
// Separation of duties (docs/separation-of-duties.md): a person's direct grant of
// irreversible tools (and, with secondApprovalForProductionWrite, write tools
// of a production server) does not grant yet: it opens an access request that
// a second, different admin confirms. The toxic-combination check runs here
// too: block refuses, require_approval also waits for a security approval.
// Warden itself (SYSTEM_ACTOR: seeds, imports, tests) is exempt from waiting.
import "server-only";
import { openAccessRequest } from "@/lib/access-requests/open-request";
import { needsSecondApproval } from "@/lib/access-requests/rules";
import { toxicGate } from "@/lib/access-requests/toxic-gate";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact, type Tx } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { loadGrantTarget, type TargetTool } from "@/lib/grants/grant-target";
import { GRANT_INCLUDE, presentGrant } from "@/lib/grants/present";
import { ZCreateGrantInput, type TCreateGrantInput, type TGrant } from "@/lib/grants/schemas";
import { readSettings } from "@/lib/settings/get-settings";
import { lockAgentAccess, reevaluateAgents } from "@/lib/toxic/check";

const DAY_MS = 86_400_000;

export type GrantOutcome = { grant: TGrant; requestId: null } | { grant: null; requestId: string };

/** Writes the grant and its audit event inside `tx` (direct grants and approved access requests). */
export async function createGrantInTransaction(
  tx: Tx,
  input: { actor: Actor; agentId: string; serverId: string; tools: TargetTool[]; justification: string; expiresAt: Date | null; shortcut?: string | null; requestId?: string | null; context?: RequestContext | null },
) {
  const { actor, tools } = input;
  const created = await tx.grant.create({
    data: {
      id: newId("grant"),
      agentId: input.agentId,
      serverId: input.serverId,
      justification: input.justification,
      expiresAt: input.expiresAt,
      grantedById: actor.userId,
      tools: { create: tools.map((tool) => ({ toolId: tool.id, scope: tool.scope })) },
    },
    include: GRANT_INCLUDE,
  });
  await appendAuditEvent(tx, {
    action: "grant.created",
    actor: actorRef(actor),
    target: { type: "grant", id: created.id },
    details: {
      agentId: input.agentId,
      serverId: input.serverId,
      scopes: tools.map((tool) => tool.scope),
      tiers: Object.fromEntries(tools.map((tool) => [tool.name, tool.tier])),
      shortcut: input.shortcut ?? null,
      justification: input.justification,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      requestId: input.requestId ?? null,
    },
    context: input.context,
  });
  // findings of warn-mode policies, and combinations the agent already held
  await reevaluateAgents(tx, [input.agentId], "grant.created");
  return created;
}

/**
 * Grants at once, or — for a person granting tools that need a second
 * approval or a security approval — opens an access request and returns its
 * id. `refusePending` refuses (409, nothing written) instead of opening one,
 * for callers that need a grant now.
 */
export async function grantOrRequest(options: { actor: Actor; input: TCreateGrantInput; context?: RequestContext | null; now?: Date; refusePending?: boolean }): Promise<GrantOutcome> {
  const { actor, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZCreateGrantInput.parse(options.input);
  const now = options.now ?? new Date();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);
  return transact(async (tx) => {
    const exists = await tx.identity.findUnique({ where: { id: input.agentId }, select: { kind: true } });
    if (exists?.kind === "agent") await lockAgentAccess(tx, input.agentId);
    const target = await loadGrantTarget(tx, { agentId: input.agentId, serverId: input.serverId, toolIds: input.toolIds, shortcut: input.shortcut, now });
    const toxic = await toxicGate(tx, input.agentId, target.tools.map((tool) => tool.id));
    const settings = await readSettings(tx);
    const person = actor.kind !== "system" && actor.userId !== null;
    const second = person && needsSecondApproval(target.tools.map((tool) => tool.tier), target.server.environment, settings.secondApprovalForProductionWrite);
    const security = person && toxic.securityApprovalRequired;
    if (second || security) {
      const why = second ? "irreversible (or production write) tools need a second admin's approval" : "a toxic-combination policy requires a security approval";
      if (options.refusePending) throw conflict(`This grant cannot be made at once: ${why}. POST /api/v1/grants opens an access request for it.`);
      const requestId = await openAccessRequest(tx, {
        actor: actor as Actor & { userId: string },
        origin: "direct_grant",
        target,
        justification: input.justification,
        // the chosen expiry becomes a duration, counted from the confirmation
        grantDays: expiresAt ? Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS)) : null,
        secondApprovalRequired: second,
        securityApprovalRequired: security,
        findings: toxic.findings,
        shortcut: input.shortcut ?? null,
        expiryDays: settings.accessRequestExpiryDays,
        now,
        context,
      });
      return { grant: null, requestId };
    }
    const row = await createGrantInTransaction(tx, { actor, agentId: input.agentId, serverId: input.serverId, tools: target.tools, justification: input.justification, expiresAt, shortcut: input.shortcut ?? null, context });
    return { grant: presentGrant(row, now), requestId: null };
  });
}

/** Grants now (seeds, imports, scripts); a grant that would have to wait for another person's approval is refused with 409. */
export async function createGrant(options: { actor: Actor; input: TCreateGrantInput; context?: RequestContext | null; now?: Date }): Promise<TGrant> {
  const outcome = await grantOrRequest({ ...options, refusePending: true });
  return outcome.grant!;
}
