import "server-only";
// The JWK Set an identity publishes at /identities/{id}/jwks.json, for anyone
// verifying its signatures: active keys, and retiring keys until their overlap
// ends; never revoked or expired keys, and nothing unless the identity is active.
// The body is serialized here, in canonical member order, so the ETag (a hash
// of the exact bytes) only changes when the published keys do.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { IDENTITY_ID_PATTERN } from "@/lib/identities/kinds";
import { publishedJwk } from "@/lib/identities/keys/present";

export type PublicJwksDocument = { body: string; etag: string };

export async function publicJwks(options: { identityId: string; now?: Date }): Promise<{ keys: Record<string, string>[] }> {
  const { identityId } = options;
  const now = options.now ?? new Date();
  if (!IDENTITY_ID_PATTERN.test(identityId)) throw notFound("Identity");
  const identity = await db().identity.findUnique({ where: { id: identityId }, select: { status: true } });
  if (!identity) throw notFound("Identity");
  if (identity.status !== "active") return { keys: [] };
  const rows = await db().identityKey.findMany({
    where: {
      identityId,
      AND: [
        { OR: [{ status: "active" }, { status: "retiring", retiringUntil: { gt: now } }] },
        { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      ],
    },
    orderBy: { id: "asc" },
    select: { publicJwk: true },
  });
  return { keys: rows.map((row) => publishedJwk(row.publicJwk)) };
}

export async function publicJwksDocument(options: { identityId: string; now?: Date }): Promise<PublicJwksDocument> {
  const body = JSON.stringify(await publicJwks(options));
  return { body, etag: `"${crypto.createHash("sha256").update(body, "utf8").digest("base64url")}"` };
}
