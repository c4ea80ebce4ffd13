// The public view of an identity key row, and the JWK members it publishes in a
// fixed order (so a JWK Set's bytes, and its ETag, do not depend on how the
// database happens to order JSON members).
import type { TKey } from "@/lib/identities/keys/schemas";

type Row = {
  id: string;
  kid: string;
  thumbprint: string;
  kty: string;
  crv: string | null;
  alg: string;
  status: "active" | "retiring" | "revoked";
  proof: string;
  publicJwk: unknown;
  expiresAt: Date | null;
  createdAt: Date;
  retiringUntil: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  protection?: "software" | "hardware";
  attesterId?: string | null;
  attestedAt?: Date | null;
  /** include ATTESTER_OF_KEY to show the attester's name */
  attester?: { name: string } | null;
};

/** Prisma include for presentKey's attester name. */
export const ATTESTER_OF_KEY = { attester: { select: { name: true } } } as const;

const MEMBER_ORDER = ["kty", "crv", "x", "y", "n", "e", "kid", "alg", "use"] as const;

/** The stored public JWK with its members in canonical order (public members only). */
export function publishedJwk(stored: unknown): Record<string, string> {
  const source = (typeof stored === "object" && stored !== null ? stored : {}) as Record<string, unknown>;
  const jwk: Record<string, string> = {};
  for (const member of MEMBER_ORDER) {
    const value = source[member];
    if (typeof value === "string") jwk[member] = value;
  }
  return jwk;
}

export function presentKey(row: Row): TKey {
  return {
    id: row.id,
    kid: row.kid,
    thumbprint: row.thumbprint,
    kty: row.kty,
    crv: row.crv,
    alg: row.alg,
    status: row.status,
    proof: row.proof === "challenge" ? "challenge" : "none",
    publicJwk: publishedJwk(row.publicJwk),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    retiringUntil: row.retiringUntil?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    protection: row.protection === "hardware" ? "hardware" : "software",
    attester: row.attesterId ? { id: row.attesterId, name: row.attester?.name ?? null } : null,
    attestedAt: row.attestedAt?.toISOString() ?? null,
  };
}
