// Registers a trusted attester (admins): the issuer of Client Attestation JWTs,
// its public keys, which claims mean "hardware-bound", and how long to trust it.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { checkAttesterJwks } from "@/lib/attesters/check-jwks";
import { ATTESTER_SELECT, presentAttester } from "@/lib/attesters/present";
import { ZRegisterAttesterInput, type TAttester, type TRegisterAttesterInput } from "@/lib/attesters/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";

export async function registerAttester(options: { actor: Actor; input: TRegisterAttesterInput; context?: RequestContext | null; now?: Date }): Promise<TAttester> {
  const { actor, context } = options;
  assertCan(actor, "settings:manage");
  const input = ZRegisterAttesterInput.parse(options.input);
  const now = options.now ?? new Date();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);
  const jwks = await checkAttesterJwks(input.jwks);
  const row = await transact(async (tx) => {
    const existing = await tx.trustedAttester.findUnique({ where: { issuer: input.issuer }, select: { id: true } });
    if (existing) throw conflict(`An attester (${existing.id}) is already registered for this issuer`, [{ path: "issuer", message: "already registered" }]);
    const created = await tx.trustedAttester.create({
      data: { id: newId("attester"), name: input.name, issuer: input.issuer, jwks: jwks as never, hardwareClaims: input.hardwareClaims, status: "active", expiresAt, createdById: actor.userId },
      select: ATTESTER_SELECT,
    });
    await appendAuditEvent(tx, {
      action: "attester.registered",
      actor: actorRef(actor),
      target: { type: "attester", id: created.id },
      details: { name: created.name, issuer: created.issuer, keys: jwks.keys.length, hardwareClaims: input.hardwareClaims, expiresAt: expiresAt?.toISOString() ?? null },
      context,
    });
    return created;
  });
  return presentAttester(row, now);
}
