// "Anchor now" (admins): signs the current chain head at once, whatever the
// schedule says — e.g. right before a maintenance window or an export.
import "server-only";
import { createAnchor, NoSigningKeyError, type AnchorRecord } from "@/lib/audit/anchor/create-anchor";
import { actorRef } from "@/lib/audit/append";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";

export async function anchorAuditChainNow(options: { actor: Actor; context?: RequestContext | null; now?: Date }): Promise<AnchorRecord> {
  assertCan(options.actor, "audit:manage");
  const create = () => createAnchor({ actor: actorRef(options.actor), context: options.context, now: options.now });
  try {
    return (await create())!;
  } catch (error) {
    // start-up creates the keys; a database set up by other means may not have them yet
    if (!(error instanceof NoSigningKeyError)) throw error;
    await ensureSigningKeys();
    return (await create())!;
  }
}
