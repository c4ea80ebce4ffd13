// Warden's signing keys: a next key published before it signs, rotation that
// keeps the retiring key published until its tokens expired, tokens from the
// old key still verifying, admins only, audited; private parts encrypted.
import { describe, expect, it } from "vitest";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { POST as rotateRoute } from "@/app/api/v1/signing-keys/rotate/route";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { mintAccessToken, verifyAccessToken } from "@/lib/oauth/access-token";
import crypto from "node:crypto";
import { generateSigningKey } from "@/lib/signing-keys/generate-key";
import { encryptSecret } from "@/lib/signing-keys/kek";
import { keyStore } from "@/lib/signing-keys/key-store";
import { ensureSigningKeys, rotateSigningKey } from "@/lib/signing-keys/rotate-signing-key";
import { call } from "./helpers/http";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { principal } from "./helpers/registry";

async function jwksKids(): Promise<string[]> {
  const response = await jwksRoute(new Request("http://localhost/.well-known/jwks.json"));
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
}

describe("signing keys", () => {
  it("always has an active key and a published next key, with the private part encrypted", async () => {
    await ensureSigningKeys();
    const keys = await db().signingKey.findMany({ where: { status: { in: ["active", "next"] } } });
    expect(keys.map((key) => key.status).sort()).toEqual(["active", "next"]);
    const kids = await jwksKids();
    for (const key of keys) {
      expect(kids).toContain(key.kid);
      expect(key.encryptedPrivateKey).toMatch(/^v1\./);
      expect(key.encryptedPrivateKey).not.toContain('"d"');
      expect(JSON.stringify(key.publicJwk)).not.toContain('"d"');
    }
  });

  it("rotates: next signs, the old key retires but stays published and its tokens still verify", async () => {
    await ensureSigningKeys();
    const before = await keyStore({ refresh: true });
    const oldKid = before.signer!.kid;
    const next = (await db().signingKey.findFirstOrThrow({ where: { status: "next" } })).kid;
    const iat = Math.floor(Date.now() / 1000);
    const old = await mintAccessToken({ sub: "agt_00000000000000000000000000", aud: "https://x.example/mcp", client_id: "cli_x", scope: "s", iat, exp: iat + 300 });

    const result = await rotateSigningKey({ actor: SYSTEM_ACTOR });
    expect(result).toMatchObject({ active: next, retiring: oldKid });
    const retiring = await db().signingKey.findUniqueOrThrow({ where: { kid: oldKid } });
    expect(retiring.status).toBe("retiring");
    expect(retiring.publishUntil!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    const kids = await jwksKids();
    expect(kids).toEqual(expect.arrayContaining([oldKid, next, result.next]));
    expect((await verifyAccessToken(old.token))?.jti).toBe(old.jti);
    const fresh = await mintAccessToken({ sub: "agt_00000000000000000000000000", aud: "https://x.example/mcp", client_id: "cli_x", scope: "s", iat, exp: iat + 300 });
    expect(JSON.parse(Buffer.from(fresh.token.split(".")[0]!, "base64url").toString()).kid).toBe(next);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "signing_key.rotated", targetId: next } });
    expect(event.details).toMatchObject({ active: next, retiring: oldKid });
  });

  it("publishes and signs with no key row the key-encryption key does not vouch for", async () => {
    await withFreshDatabase((client, target) => withGlobalDatabase(target, async () => {
      await ensureSigningKeys();
      const active = await client.signingKey.findFirstOrThrow({ where: { status: "active" } });
      // rows written by someone with database access but not the KEK
      const foreign = await generateSigningKey("ES256");
      const otherKek = crypto.randomBytes(32);
      await client.signingKey.create({ data: { kid: foreign.kid, alg: "ES256", publicJwk: foreign.publicJwk as object, encryptedPrivateKey: encryptSecret(JSON.stringify(foreign.privateJwk), foreign.kid, otherKek), status: "next" } });
      const plain = await generateSigningKey("EdDSA");
      await client.signingKey.create({ data: { kid: plain.kid, alg: "EdDSA", publicJwk: plain.publicJwk as object, encryptedPrivateKey: "v1.not.sealed.atall", status: "retiring" } });
      let store = await keyStore({ refresh: true });
      expect(store.signer?.kid).toBe(active.kid);
      expect([...store.byKid.keys()]).not.toContain(foreign.kid);
      expect(await jwksKids()).not.toContain(plain.kid);
      expect(await jwksKids()).toContain(active.kid);

      // the active key's public part swapped for the foreign key's: neither published nor used to sign
      await client.signingKey.update({ where: { kid: active.kid }, data: { publicJwk: { ...(foreign.publicJwk as object), kid: active.kid } } });
      store = await keyStore({ refresh: true });
      expect(store.signer).toBeNull();
      expect(store.byKid.has(active.kid)).toBe(false);
      await client.signingKey.update({ where: { kid: active.kid }, data: { publicJwk: active.publicJwk as object } });
      expect((await keyStore({ refresh: true })).signer?.kid).toBe(active.kid);
    }));
    await keyStore({ refresh: true });
  });

  it("stops publishing a retired key once its tokens have expired", async () => {
    await ensureSigningKeys();
    const { retiring } = await rotateSigningKey({ actor: SYSTEM_ACTOR });
    await db().signingKey.update({ where: { kid: retiring! }, data: { publishUntil: new Date(Date.now() - 1000) } });
    await keyStore({ refresh: true });
    expect(await jwksKids()).not.toContain(retiring);
  });

  it("lets only admins rotate", async () => {
    await ensureSigningKeys();
    const owner = await principal("owner");
    const auditor = await principal("auditor");
    const admin = await principal("admin");
    expect((await call(rotateRoute, { method: "POST", path: "/api/v1/signing-keys/rotate", bearer: owner.token, body: {} })).status).toBe(403);
    expect((await call(rotateRoute, { method: "POST", path: "/api/v1/signing-keys/rotate", bearer: auditor.token, body: {} })).status).toBe(403);
    const rotated = await call<{ active: string }>(rotateRoute, { method: "POST", path: "/api/v1/signing-keys/rotate", bearer: admin.token, body: { alg: "EdDSA" } });
    expect(rotated.status).toBe(200);
    const active = await db().signingKey.findUniqueOrThrow({ where: { kid: rotated.body.active } });
    // the EdDSA key was published as next before it signed: rotation to a new algorithm takes two rotations
    expect(["ES256", "EdDSA"]).toContain(active.alg);
    expect((await db().signingKey.findFirstOrThrow({ where: { status: "next" } })).alg).toBe("EdDSA");
  });
});
