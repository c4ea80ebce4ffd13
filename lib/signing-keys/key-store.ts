// Warden's signing keys in memory: the active key (decrypted) signs; every
// published key verifies. Reloaded from the database every 30 s — so a rotation
// made by another instance is picked up — and at once when a token names an
// unknown kid. Other instances keep signing with the previous key for at most
// those 30 s, which is safe: it stays published while it is retiring.
import crypto from "node:crypto";
import { importJWK, type CryptoKey, type JWK, type KeyObject } from "jose";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { authenticateKeyRow } from "@/lib/signing-keys/authenticate-key";
import type { SigningAlgorithm } from "@/lib/signing-keys/generate-key";

type KeyLike = CryptoKey | KeyObject;
export type LoadedKey = { kid: string; alg: SigningAlgorithm; status: string; publicJwk: JWK; publicKey: KeyLike; publishUntil: Date | null };
export type KeyStore = {
  loadedAt: number;
  byKid: Map<string, LoadedKey>;
  signer: { kid: string; alg: SigningAlgorithm; privateKey: KeyLike } | null;
  /** `bytes`: the body as written to sockets, encoded once */
  jwks: { body: string; bytes: Buffer; etag: string; kids: string[] };
};

const TTL_MS = 30_000;
const slot = Symbol.for("warden.signingKeys");
type Global = { [slot]?: { store: KeyStore | null; loading: Promise<KeyStore> | null } };

function holder() {
  const g = globalThis as Global;
  return (g[slot] ??= { store: null, loading: null });
}

/** Published keys: the next key (before it signs), the active one, and retiring ones until their tokens expired. */
export function isPublished(key: { status: string; publishUntil: Date | null }, now = new Date()): boolean {
  if (key.status === "next" || key.status === "active") return true;
  return key.status === "retiring" && (!key.publishUntil || key.publishUntil > now);
}

async function load(): Promise<KeyStore> {
  const rows = await db().signingKey.findMany({ where: { status: { in: ["next", "active", "retiring"] } }, orderBy: { createdAt: "asc" } });
  const now = new Date();
  const byKid = new Map<string, LoadedKey>();
  let signer: KeyStore["signer"] = null;
  for (const row of rows) {
    if (!isPublished(row, now)) continue;
    // a row the KEK does not vouch for is neither published nor used (lib/signing-keys/authenticate-key.ts)
    const key = await authenticateKeyRow(row);
    if ("error" in key) {
      logger().error({ kid: row.kid, status: row.status }, `Signing key left out of the JWKS: ${key.error}`);
      continue;
    }
    byKid.set(row.kid, { kid: row.kid, alg: key.alg, status: row.status, publicJwk: key.publicJwk, publicKey: key.publicKey, publishUntil: row.publishUntil });
    if (row.status === "active") signer = { kid: row.kid, alg: key.alg, privateKey: (await importJWK(key.privateJwk, key.alg)) as KeyLike };
  }
  // a stable order and member order, so every instance serves the same bytes (and ETag)
  const keys = [...byKid.values()].map((key) => {
    const { kty, crv, x, y, n, e } = key.publicJwk;
    return Object.fromEntries(Object.entries({ kty, crv, x, y, n, e, kid: key.kid, alg: key.alg, use: "sig" }).filter(([, value]) => value !== undefined));
  });
  const body = JSON.stringify({ keys });
  return {
    loadedAt: Date.now(),
    byKid,
    signer,
    jwks: { body, bytes: Buffer.from(body, "utf8"), etag: `"${crypto.createHash("sha256").update(body).digest("base64url")}"`, kids: keys.map((key) => String(key.kid)) },
  };
}

export async function keyStore(options: { refresh?: boolean } = {}): Promise<KeyStore> {
  const state = holder();
  const fresh = state.store && Date.now() - state.store.loadedAt < TTL_MS;
  if (fresh && !options.refresh) return state.store!;
  state.loading ??= load().finally(() => {
    state.loading = null;
  });
  state.store = await state.loading;
  return state.store;
}

/** The loaded key store when it is fresh, without waiting (null: call keyStore()). */
export function cachedKeyStore(): KeyStore | null {
  const { store } = holder();
  return store && Date.now() - store.loadedAt < TTL_MS ? store : null;
}

/** Forget the cached keys (after a rotation in this process). */
export function invalidateKeyStore(): void {
  holder().store = null;
}

/** The public key for a kid Warden published, reloading once if the kid is new to this instance. */
export async function verificationKey(kid: string): Promise<LoadedKey | null> {
  const store = await keyStore();
  const key = store.byKid.get(kid);
  if (key) return key;
  if (Date.now() - store.loadedAt < 1000) return null;
  return (await keyStore({ refresh: true })).byKid.get(kid) ?? null;
}
