// The public view of a trusted attester row (its JWKS holds public keys only; register-attester.ts refuses any other).
import type { TAttester } from "@/lib/attesters/schemas";
import { parseHardwareClaims } from "@/lib/oauth/attestation/claims";

export const ATTESTER_SELECT = {
  id: true,
  name: true,
  issuer: true,
  jwks: true,
  hardwareClaims: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { keys: true } },
} as const;

type Row = { id: string; name: string; issuer: string; jwks: unknown; hardwareClaims: unknown; status: string; expiresAt: Date | null; createdAt: Date; updatedAt: Date; _count: { keys: number } };

const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e", "kid", "alg", "use"];

export function presentAttester(row: Row, now = new Date()): TAttester {
  const stored = (row.jwks ?? {}) as { keys?: unknown };
  const keys = Array.isArray(stored.keys) ? stored.keys.filter((key): key is Record<string, unknown> => typeof key === "object" && key !== null) : [];
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    jwks: { keys: keys.map((key) => Object.fromEntries(PUBLIC_MEMBERS.filter((member) => member in key).map((member) => [member, key[member]]))) },
    hardwareClaims: parseHardwareClaims(row.hardwareClaims),
    status: row.status === "revoked" ? "revoked" : "active",
    expired: row.expiresAt !== null && row.expiresAt <= now,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    keyCount: row._count.keys,
  };
}
