import "server-only";
// Retires an active key for rotation: it stays published (and valid) for an
// overlap window so tokens and clients can move to the new key, then drops out
// of the identity's JWK Set. The window defaults to the keyRotationOverlapDays setting.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { loadKeyForChange } from "@/lib/identities/keys/key-access";
import { presentKey } from "@/lib/identities/keys/present";
import { ZRetireKeyInput, type TKey, type TRetireKeyInput } from "@/lib/identities/keys/schemas";
import { readSettings } from "@/lib/settings/get-settings";

const DAY_MS = 24 * 3600 * 1000;

export async function retireKey(options: { actor: Actor; identityId: string; keyId: string; input?: TRetireKeyInput; context?: RequestContext | null; now?: Date }): Promise<TKey> {
  const { actor, identityId, keyId, context } = options;
  const input = ZRetireKeyInput.parse(options.input ?? {});
  const now = options.now ?? new Date();
  return transact(async (tx) => {
    const { key } = await loadKeyForChange(tx, actor, identityId, keyId);
    if (key.status !== "active") throw conflict(`This key is ${key.status}: only active keys can be retired`);
    const overlapDays = input.overlapDays ?? (await readSettings(tx)).keyRotationOverlapDays;
    const retiringUntil = new Date(now.getTime() + overlapDays * DAY_MS);
    // the status condition makes a concurrent second retirement update nothing
    const { count } = await tx.identityKey.updateMany({ where: { id: keyId, status: "active" }, data: { status: "retiring", retiringUntil } });
    if (count !== 1) throw conflict("This key was changed meanwhile: only active keys can be retired");
    await appendAuditEvent(tx, {
      action: "key.retired",
      actor: actorRef(actor),
      target: { type: "identity", id: identityId },
      details: { keyId, kid: key.kid, thumbprint: key.thumbprint, overlapDays, retiringUntil: retiringUntil.toISOString() },
      context,
      at: now,
    });
    return presentKey(await tx.identityKey.findUniqueOrThrow({ where: { id: keyId } }));
  });
}
