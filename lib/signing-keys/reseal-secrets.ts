// The second step of a KEK rotation (docs/deployment.md, "Rotating the KEK"):
// every instance already runs with WARDEN_KEK = the new key and
// WARDEN_KEK_PREVIOUS = the old one; this re-seals each stored secret that
// still opens only with the old key — signing keys' private parts, notification
// webhook secrets, audit-sink webhook secrets — under the new key, in one
// transaction, and records how many. A secret that opens with neither key is
// left as it is and reported (it was sealed under some third key: restoring the
// KEK it came with is the only way to use it again). Afterwards
// WARDEN_KEK_PREVIOUS can be removed.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { encryptSecret, openSealed } from "@/lib/signing-keys/kek";
import { invalidateKeyStore } from "@/lib/signing-keys/key-store";

export type ResealCounts = { resealed: number; current: number; unreadable: string[] };
export type ResealReport = { signingKeys: ResealCounts; webhooks: ResealCounts; sinks: ResealCounts };

type Sealed = { id: string; sealed: string };

/** Re-seals what opens only with the previous KEK; `save` writes one re-sealed value. */
async function reseal(rows: Sealed[], save: (id: string, sealed: string) => Promise<unknown>): Promise<ResealCounts> {
  const counts: ResealCounts = { resealed: 0, current: 0, unreadable: [] };
  for (const row of rows) {
    let opened: ReturnType<typeof openSealed>;
    try {
      opened = openSealed(row.sealed, row.id);
    } catch {
      counts.unreadable.push(row.id);
      continue;
    }
    if (opened.sealedWith === "current") {
      counts.current += 1;
      continue;
    }
    // one write at a time: a transaction is one connection
    await save(row.id, encryptSecret(opened.plaintext, row.id));
    counts.resealed += 1;
  }
  return counts;
}

export async function resealSecrets(options: { actor: Actor; context?: RequestContext | null }): Promise<ResealReport> {
  assertCan(options.actor, "settings:manage");
  const report = await transact(async (tx) => {
    const keys = await tx.signingKey.findMany({ select: { kid: true, encryptedPrivateKey: true }, orderBy: { kid: "asc" } });
    const signingKeys = await reseal(
      keys.map((key) => ({ id: key.kid, sealed: key.encryptedPrivateKey })),
      (kid, sealed) => tx.signingKey.update({ where: { kid }, data: { encryptedPrivateKey: sealed } }),
    );
    const endpoints = await tx.webhookEndpoint.findMany({ select: { id: true, secretSealed: true }, orderBy: { id: "asc" } });
    const webhooks = await reseal(
      endpoints.map((endpoint) => ({ id: endpoint.id, sealed: endpoint.secretSealed })),
      (id, sealed) => tx.webhookEndpoint.update({ where: { id }, data: { secretSealed: sealed } }),
    );
    const sinkRows = await tx.auditSink.findMany({ where: { secretEnc: { not: null } }, select: { id: true, secretEnc: true }, orderBy: { id: "asc" } });
    const sinks = await reseal(
      sinkRows.map((sink) => ({ id: sink.id, sealed: sink.secretEnc! })),
      (id, sealed) => tx.auditSink.update({ where: { id }, data: { secretEnc: sealed } }),
    );
    const result = { signingKeys, webhooks, sinks };
    await appendAuditEvent(tx, { action: "signing_key.resealed", actor: actorRef(options.actor), details: result, context: options.context });
    return result;
  });
  invalidateKeyStore();
  return report;
}
