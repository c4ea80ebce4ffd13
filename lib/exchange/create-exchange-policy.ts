// Allows an MCP server to exchange agents' tokens (RFC 8693) for tokens to a
// downstream resource, with these downstream scopes, at most this deep in the
// delegation chain (admins). One active policy per server and resource.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { EXCHANGE_INCLUDE, presentExchangePolicy } from "@/lib/exchange/present";
import { ZCreateExchangePolicyInput, type TExchangePolicy } from "@/lib/exchange/schemas";
import { newId } from "@/lib/ids";

export async function createExchangePolicy(options: { actor: Actor; input: z.input<typeof ZCreateExchangePolicyInput>; context?: RequestContext | null }): Promise<TExchangePolicy> {
  const { actor, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZCreateExchangePolicyInput.parse(options.input);
  const row = await transact(async (tx) => {
    // sequential: a transaction is one connection, and pg refuses overlapping queries on it
    const server = await tx.identity.findUnique({ where: { id: input.serverId }, select: { kind: true, status: true } });
    const resource = await tx.identity.findUnique({ where: { id: input.resourceId }, select: { kind: true, status: true } });
    if (!server || server.kind !== "server") throw invalid("The MCP server does not exist", [{ path: "serverId", message: "no such server" }]);
    if (!resource || (resource.kind !== "resource" && resource.kind !== "server")) throw invalid("The downstream resource does not exist", [{ path: "resourceId", message: "no such resource or server" }]);
    if (input.resourceId === input.serverId) throw invalid("A server cannot exchange tokens for itself", [{ path: "resourceId", message: "same as the server" }]);
    for (const [field, identity] of [["serverId", server], ["resourceId", resource]] as const) {
      if (identity.status === "revoked" || identity.status === "suspended") throw conflict(`The ${field === "serverId" ? "server" : "resource"} is ${identity.status}`, [{ path: field, message: identity.status }]);
    }
    const existing = await tx.exchangePolicy.findFirst({ where: { serverId: input.serverId, resourceId: input.resourceId, revokedAt: null }, select: { id: true } });
    if (existing) throw conflict(`An active policy (${existing.id}) already covers this server and resource; revoke it to replace it`, [{ path: "resourceId", message: "already has a policy" }]);
    const created = await tx.exchangePolicy.create({
      data: { id: newId("exchangePolicy"), serverId: input.serverId, resourceId: input.resourceId, scopes: input.scopes, maxDepth: input.maxDepth, createdById: actor.userId },
      include: EXCHANGE_INCLUDE,
    });
    await appendAuditEvent(tx, {
      action: "exchange_policy.created",
      actor: actorRef(actor),
      target: { type: "exchange_policy", id: created.id },
      details: { serverId: input.serverId, resourceId: input.resourceId, scopes: input.scopes, maxDepth: input.maxDepth },
      context,
    });
    return created;
  });
  return presentExchangePolicy(row);
}
