// Changes a trusted attester (admins): its name, keys (e.g. the attester
// rotated its signing key), hardware claims or expiry. The issuer is its
// identity and does not change: register a new attester instead.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { checkAttesterJwks } from "@/lib/attesters/check-jwks";
import { ATTESTER_SELECT, presentAttester } from "@/lib/attesters/present";
import { ZUpdateAttesterInput, type TAttester, type TUpdateAttesterInput } from "@/lib/attesters/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict, invalid, notFound } from "@/lib/errors/app-error";

export async function updateAttester(options: { actor: Actor; attesterId: string; input: TUpdateAttesterInput; context?: RequestContext | null; now?: Date }): Promise<TAttester> {
  const { actor, attesterId, context } = options;
  assertCan(actor, "settings:manage");
  const input = ZUpdateAttesterInput.parse(options.input);
  const now = options.now ?? new Date();
  const expiresAt = input.expiresAt === undefined ? undefined : input.expiresAt === null ? null : new Date(input.expiresAt);
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);
  const jwks = input.jwks ? await checkAttesterJwks(input.jwks) : undefined;
  const row = await transact(async (tx) => {
    const existing = await tx.trustedAttester.findUnique({ where: { id: attesterId }, select: { status: true } });
    if (!existing) throw notFound("Attester");
    if (existing.status === "revoked") throw conflict("This attester is revoked; register it again to trust it");
    const updated = await tx.trustedAttester.update({
      where: { id: attesterId },
      data: { name: input.name, jwks: jwks as never, hardwareClaims: input.hardwareClaims, expiresAt },
      select: ATTESTER_SELECT,
    });
    await appendAuditEvent(tx, {
      action: "attester.updated",
      actor: actorRef(actor),
      target: { type: "attester", id: attesterId },
      details: { changed: Object.keys(input), name: updated.name, keys: jwks?.keys.length ?? null, hardwareClaims: input.hardwareClaims ?? null, expiresAt: expiresAt === undefined ? null : (expiresAt?.toISOString() ?? null) },
      context,
    });
    return updated;
  });
  return presentAttester(row, now);
}
