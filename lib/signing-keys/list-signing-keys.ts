// Warden's signing keys as admins see them: never the private part.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { isPublished } from "@/lib/signing-keys/key-store";

export type TSigningKey = { kid: string; alg: string; status: "next" | "active" | "retiring" | "retired"; published: boolean; createdAt: string; activatedAt: string | null; retiringAt: string | null; publishUntil: string | null };

export async function listSigningKeys(options: { actor: Actor; now?: Date }): Promise<{ items: TSigningKey[] }> {
  assertCan(options.actor, "settings:read");
  const now = options.now ?? new Date();
  const rows = await db().signingKey.findMany({ orderBy: { createdAt: "desc" }, take: 100, omit: { encryptedPrivateKey: true } });
  return {
    items: rows.map((row) => ({
      kid: row.kid,
      alg: row.alg,
      status: row.status,
      published: isPublished(row, now),
      createdAt: row.createdAt.toISOString(),
      activatedAt: row.activatedAt?.toISOString() ?? null,
      retiringAt: row.retiringAt?.toISOString() ?? null,
      publishUntil: row.publishUntil?.toISOString() ?? null,
    })),
  };
}
