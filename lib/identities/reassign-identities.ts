// Bulk reassignment (admins): moves a list of identities, or every identity a
// user owns (e.g. after they were deactivated), to a new primary owner in one
// transaction — all or nothing. One audit event per identity.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { invalid } from "@/lib/errors/app-error";
import { assertActiveUser } from "@/lib/identities/checks";
import { ZReassignInput } from "@/lib/identities/schemas";
import { moveOwnership } from "@/lib/identities/transfer-ownership";

export async function reassignIdentities(options: { actor: Actor; input: z.input<typeof ZReassignInput>; context?: RequestContext | null }): Promise<{ reassigned: number; identityIds: string[] }> {
  const { actor, context } = options;
  assertCan(actor, "identities:manage-any");
  const input = ZReassignInput.parse(options.input);
  return transact(async (tx) => {
    await assertActiveUser(tx, input.ownerId, "ownerId");
    const identities = await tx.identity.findMany({
      where: input.identityIds ? { id: { in: input.identityIds } } : { ownerId: input.fromOwnerId, status: { not: "revoked" } },
      orderBy: { id: "asc" },
    });
    if (input.identityIds) {
      const missing = input.identityIds.filter((id) => !identities.some((identity) => identity.id === id));
      if (missing.length) throw invalid("Some identities do not exist", [{ path: "identityIds", message: `not found: ${missing.join(", ")}` }]);
    }
    const moving = identities.filter((identity) => identity.ownerId !== input.ownerId);
    for (const identity of moving) {
      await moveOwnership(tx, { actor, identity, ownerId: input.ownerId, reason: input.reason ?? null, via: "bulk_reassign", context });
    }
    return { reassigned: moving.length, identityIds: moving.map((identity) => identity.id) };
  });
}
