// An owner (or backup owner) of an agent — or an admin — asks for approved
// tools of one server for it, with a justification and an optional duration.
// The server's owner approves or denies; irreversible tools (and, by setting,
// production write tools) then need a second admin; a toxic combination in
// require_approval mode needs a security approval; one in block mode is
// refused here, naming the tools.
import "server-only";
import { openAccessRequest } from "@/lib/access-requests/open-request";
import { ACCESS_REQUEST_INCLUDE, presentAccessRequest } from "@/lib/access-requests/present";
import { needsSecondApproval } from "@/lib/access-requests/rules";
import { ZCreateAccessRequestInput, type TAccessRequest, type TCreateAccessRequestInput } from "@/lib/access-requests/schemas";
import { toxicGate } from "@/lib/access-requests/toxic-gate";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { forbidden, invalid } from "@/lib/errors/app-error";
import { loadGrantTarget } from "@/lib/grants/grant-target";
import { ownsIdentity } from "@/lib/identities/access";
import { readSettings } from "@/lib/settings/get-settings";
import { lockAgentAccess } from "@/lib/toxic/check";

export async function createAccessRequest(options: { actor: Actor; input: TCreateAccessRequestInput; context?: RequestContext | null; now?: Date }): Promise<TAccessRequest> {
  const { actor, context } = options;
  assertCan(actor, "identities:register");
  if (!actor.userId) throw forbidden("Access requests are made by people: Warden itself grants directly");
  const input = ZCreateAccessRequestInput.parse(options.input);
  const now = options.now ?? new Date();
  const requester = actor as Actor & { userId: string };
  return transact(async (tx) => {
    const agent = await tx.identity.findUnique({ where: { id: input.agentId }, select: { kind: true, ownerId: true, backupOwnerId: true } });
    if (!agent || agent.kind !== "agent") throw invalid("The agent does not exist", [{ path: "agentId", message: "no such agent" }]);
    if (!can(actor, "grants:manage") && !ownsIdentity(actor, agent)) throw forbidden("Only the owners of the agent and admins can request access for it");
    await lockAgentAccess(tx, input.agentId);
    const target = await loadGrantTarget(tx, { agentId: input.agentId, serverId: input.serverId, toolIds: input.toolIds, now });
    const toxic = await toxicGate(tx, input.agentId, input.toolIds);
    const settings = await readSettings(tx);
    const id = await openAccessRequest(tx, {
      actor: requester,
      origin: "request",
      target,
      justification: input.justification,
      grantDays: input.grantDays ?? null,
      secondApprovalRequired: needsSecondApproval(target.tools.map((tool) => tool.tier), target.server.environment, settings.secondApprovalForProductionWrite),
      securityApprovalRequired: toxic.securityApprovalRequired,
      findings: toxic.findings,
      expiryDays: settings.accessRequestExpiryDays,
      now,
      context,
    });
    const row = await tx.accessRequest.findUniqueOrThrow({ where: { id }, include: ACCESS_REQUEST_INCLUDE });
    return presentAccessRequest(tx, row, actor, now);
  });
}
