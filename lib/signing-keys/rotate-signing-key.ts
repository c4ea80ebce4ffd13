// Creates Warden's first signing keys and rotates them. Both take the audit
// chain's lock first, so instances starting at once cannot create two active
// keys. Rotation: the next key (already published) starts signing, the active
// key retires but stays published until every token it signed has expired, and
// a new next key is published.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { env } from "@/lib/config/env";
import { transact, type Tx } from "@/lib/db/transaction";
import { MAX_TOKEN_LIFETIME_SECONDS } from "@/lib/oauth/config";
import { generateSigningKey, type SigningAlgorithm } from "@/lib/signing-keys/generate-key";
import { encryptSecret } from "@/lib/signing-keys/kek";
import { invalidateKeyStore } from "@/lib/signing-keys/key-store";

// tokens live at most MAX_TOKEN_LIFETIME_SECONDS; the margin covers clock skew and caches
const PUBLISH_MARGIN_MS = 10 * 60_000;

async function createKey(tx: Tx, alg: SigningAlgorithm, status: "next" | "active", now: Date) {
  const key = await generateSigningKey(alg);
  await tx.signingKey.create({
    data: { kid: key.kid, alg, publicJwk: key.publicJwk as object, encryptedPrivateKey: encryptSecret(JSON.stringify(key.privateJwk), key.kid), status, activatedAt: status === "active" ? now : null },
  });
  return key.kid;
}

async function lockChain(tx: Tx): Promise<void> {
  await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
}

/** Makes sure an active and a next key exist (start-up). Returns the kids it created. */
export async function ensureSigningKeys(): Promise<string[]> {
  const created = await transact(async (tx) => {
    await lockChain(tx);
    const now = new Date();
    const kids: string[] = [];
    const alg = env().WARDEN_SIGNING_ALG;
    if (!(await tx.signingKey.findFirst({ where: { status: "active" } }))) kids.push(await createKey(tx, alg, "active", now));
    if (!(await tx.signingKey.findFirst({ where: { status: "next" } }))) kids.push(await createKey(tx, alg, "next", now));
    for (const kid of kids) {
      await appendAuditEvent(tx, { action: "signing_key.created", actor: actorRef(SYSTEM_ACTOR), target: { type: "signing_key", id: kid }, details: { kid, alg } });
    }
    return kids;
  });
  if (created.length) invalidateKeyStore();
  return created;
}

export async function rotateSigningKey(options: { actor: Actor; alg?: SigningAlgorithm; context?: RequestContext | null; now?: Date }): Promise<{ active: string; retiring: string | null; next: string }> {
  const { actor } = options;
  assertCan(actor, "settings:manage");
  const now = options.now ?? new Date();
  const result = await transact(async (tx) => {
    await lockChain(tx);
    // one query at a time: a transaction is one connection (pg refuses overlapping queries on it)
    const active = await tx.signingKey.findFirst({ where: { status: "active" } });
    const next = await tx.signingKey.findFirst({ where: { status: "next" } });
    const alg = options.alg ?? env().WARDEN_SIGNING_ALG;
    // a next key of another algorithm is replaced, so the new algorithm is published before it signs
    const nextKid = next && next.alg === alg ? next.kid : await createKey(tx, alg, "next", now);
    if (next && next.kid !== nextKid) await tx.signingKey.update({ where: { kid: next.kid }, data: { status: "retired" } });
    if (active) {
      await tx.signingKey.update({ where: { kid: active.kid }, data: { status: "retiring", retiringAt: now, publishUntil: new Date(now.getTime() + MAX_TOKEN_LIFETIME_SECONDS * 1000 + PUBLISH_MARGIN_MS) } });
    }
    await tx.signingKey.update({ where: { kid: nextKid }, data: { status: "active", activatedAt: now } });
    const newNext = await createKey(tx, alg, "next", now);
    await tx.signingKey.updateMany({ where: { status: "retiring", publishUntil: { lte: now } }, data: { status: "retired" } });
    await appendAuditEvent(tx, {
      action: "signing_key.rotated",
      actor: actorRef(actor),
      target: { type: "signing_key", id: nextKid },
      details: { active: nextKid, retiring: active?.kid ?? null, next: newNext, alg },
      context: options.context,
    });
    return { active: nextKid, retiring: active?.kid ?? null, next: newNext };
  });
  invalidateKeyStore();
  return result;
}
