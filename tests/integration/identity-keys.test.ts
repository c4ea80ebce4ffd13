// Identity keys through the API: validation, ownership, proof of possession,
// rotation and revocation, and the public JWK Set. Identities are created
// directly in the database so these tests do not depend on registration.
import { generateKeyPairSync } from "node:crypto";
import { CompactSign, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as retireRoute } from "@/app/api/v1/identities/[id]/keys/[keyId]/retire/route";
import { POST as revokeRoute } from "@/app/api/v1/identities/[id]/keys/[keyId]/revoke/route";
import { POST as challengeRoute } from "@/app/api/v1/identities/[id]/keys/challenge/route";
import { POST as addKeysRoute, GET as listKeysRoute } from "@/app/api/v1/identities/[id]/keys/route";
import { GET as jwksRoute } from "@/app/identities/[id]/jwks.json/route";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { seedApiToken, seedUser, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { call } from "./helpers/http";

type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };
type Key = { id: string; kid: string; thumbprint: string; alg: string; status: string; proof: string; publicJwk: Record<string, string>; retiringUntil: string | null; revokedReason: string | null };
type Challenge = { challengeId: string; nonce: string; expiresAt: string; audience: string };
type Pair = { jwk: JWK; privateKey: CryptoKey; alg: string };

async function pair(alg: "ES256" | "EdDSA" | "PS256"): Promise<Pair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { jwk: await exportJWK(publicKey), privateKey, alg };
}

type Caller = SeededUser & { secret: string };
async function caller(role: "admin" | "owner" | "auditor"): Promise<Caller> {
  const user = await seedUser({ role });
  return { ...user, secret: (await seedApiToken({ role, user })).secret };
}

async function makeIdentity(owner: SeededUser, data: { environment?: "production" | "staging" | "development"; status?: "pending" | "active" | "suspended" | "revoked"; backupOwnerId?: string } = {}) {
  const id = newId("server");
  const slug = `keys-${uniqueSuffix()}`;
  await db().identity.create({ data: { id, kind: "server", slug, name: slug, ownerId: owner.id, status: "active", environment: "development", searchText: `${slug} ${id}`, ...data } });
  return id;
}

const base = (id: string) => `/api/v1/identities/${id}/keys`;
const addKeys = <T = { items: Key[] }>(who: Caller, id: string, body: unknown) => call<T>(addKeysRoute, { method: "POST", path: base(id), params: { id }, bearer: who.secret, body });
const challenge = (who: Caller, id: string) => call<Challenge>(challengeRoute, { method: "POST", path: `${base(id)}/challenge`, params: { id }, bearer: who.secret });
const retire = <T = Key>(who: Caller, id: string, keyId: string, body: unknown = {}) => call<T>(retireRoute, { method: "POST", path: `${base(id)}/${keyId}/retire`, params: { id, keyId }, bearer: who.secret, body });
const revoke = <T = Key>(who: Caller, id: string, keyId: string, body: unknown) => call<T>(revokeRoute, { method: "POST", path: `${base(id)}/${keyId}/revoke`, params: { id, keyId }, bearer: who.secret, body });

async function jwks(id: string, headers: Record<string, string> = {}) {
  const response = await jwksRoute(new Request(`http://localhost:3000/identities/${id}/jwks.json`, { headers }), { params: Promise.resolve({ id }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, keys: response.status === 200 ? (JSON.parse(text) as { keys: Record<string, string>[] }).keys : [] };
}

function sign(key: Pair, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ iat: Math.floor(Date.now() / 1000), ...claims })))
    .setProtectedHeader({ alg: key.alg, typ: "warden-key-proof+jwt", ...header })
    .sign(key.privateKey);
}

const keyCount = (identityId: string) => db().identityKey.count({ where: { identityId } });
const events = (identityId: string, action: string) => db().auditEvent.findMany({ where: { targetId: identityId, action }, orderBy: { seq: "asc" } });

let owner: Caller;
let otherOwner: Caller;
let admin: Caller;
let auditor: Caller;
let ec: Pair;
let ed: Pair;
let rsa: Pair;
let weakRsa: JWK;

beforeAll(async () => {
  [owner, otherOwner, admin, auditor] = await Promise.all([caller("owner"), caller("owner"), caller("admin"), caller("auditor")]);
  [ec, ed, rsa] = await Promise.all([pair("ES256"), pair("EdDSA"), pair("PS256")]);
  weakRsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" }) as JWK;
});

describe("adding keys: validation", () => {
  const cases: [string, () => unknown, string][] = [
    ["a private member (d)", () => ({ jwk: { ...ec.jwk, d: "c2VjcmV0" } }), "jwk.d"],
    ["secret material (k) in a set", () => ({ jwks: { keys: [{ ...ed.jwk, k: "c2VjcmV0" }] } }), "jwks.keys.0.k"],
    ["a symmetric oct key", () => ({ jwk: { kty: "oct", k: "c2VjcmV0" } }), "jwk.kty"],
    ["an unknown kty", () => ({ jwk: { ...ec.jwk, kty: "DSA" } }), "jwk.kty"],
    ["an unknown crv", () => ({ jwk: { ...ec.jwk, crv: "P-384" } }), "jwk.crv"],
    ["an RSA modulus of 1024 bits", () => ({ jwk: { ...weakRsa, alg: "RS256" } }), "jwk.n"],
    ['use "enc"', () => ({ jwk: { ...ec.jwk, use: "enc" } }), "jwk.use"],
    ["x5u", () => ({ jwk: { ...ec.jwk, x5u: "https://keys.example.test/c.pem" } }), "jwk.x5u"],
    ["jku", () => ({ jwk: { ...ec.jwk, jku: "https://keys.example.test/jwks.json" } }), "jwk.jku"],
    ["ES256 on an RSA key", () => ({ jwk: { ...rsa.jwk, alg: "ES256" } }), "jwk.alg"],
    ["alg none", () => ({ jwk: { ...ec.jwk, alg: "none" } }), "jwk.alg"],
    ["alg HS256", () => ({ jwk: { ...ed.jwk, alg: "HS256" } }), "jwk.alg"],
    ["a missing coordinate", () => ({ jwk: { ...ec.jwk, y: undefined } }), "jwk.y"],
    ["malformed base64url", () => ({ jwk: { ...ed.jwk, x: "not base64url!" } }), "jwk.x"],
    ["a coordinate of the wrong length", () => ({ jwk: { ...ec.jwk, x: ec.jwk.x!.slice(0, 30) } }), "jwk.x"],
    ["a point that is not on the curve", () => ({ jwk: { ...ec.jwk, y: ec.jwk.x } }), "jwk"],
    ["a duplicate kid in the set", () => ({ jwks: { keys: [{ ...ec.jwk, kid: "dup" }, { ...ed.jwk, kid: "dup" }] } }), "jwks.keys.1.kid"],
    ["more than 20 keys", () => ({ jwks: { keys: Array.from({ length: 21 }, () => ec.jwk) } }), "jwks.keys"],
    ["both jwk and jwks", () => ({ jwk: ec.jwk, jwks: { keys: [ed.jwk] } }), "jwks"],
    ["an expiry in the past", () => ({ jwk: ec.jwk, expiresAt: "2020-01-01T00:00:00Z" }), "expiresAt"],
    ["an unknown field", () => ({ jwk: ec.jwk, note: "x" }), "note"],
  ];

  it.each(cases)("refuses %s with 422 naming the field, and writes nothing", async (_name, body, path) => {
    const id = await makeIdentity(owner);
    const result = await addKeys<Problem>(owner, id, body());
    expect(result.status).toBe(422);
    expect(result.body.errors?.map((issue) => issue.path)).toContain(path);
    expect(result.text).not.toContain("c2VjcmV0");
    expect(await keyCount(id)).toBe(0);
    expect(await events(id, "key.added")).toEqual([]);
  });
});

describe("adding keys", () => {
  it("adds a JWK Set of ES256, Ed25519 (alg Ed25519) and RSA-PS256 keys, audited per key, and lists them", async () => {
    const id = await makeIdentity(owner);
    const result = await addKeys(owner, id, { jwks: { keys: [ec.jwk, { ...ed.jwk, alg: "Ed25519", kid: "ed-1" }, { ...rsa.jwk, alg: "PS256", use: "sig", key_ops: ["verify"] }] } });
    expect(result.status).toBe(201);
    expect(result.body.items.map((key) => [key.alg, key.status, key.proof])).toEqual([
      ["ES256", "active", "none"],
      ["Ed25519", "active", "none"],
      ["PS256", "active", "none"],
    ]);
    expect(result.body.items[0]!.id).toMatch(/^key_[0-9a-z]{26}$/);
    expect(result.body.items[0]!.kid).toBe(result.body.items[0]!.thumbprint);
    expect(result.body.items[2]!.publicJwk).toEqual({ kty: "RSA", n: rsa.jwk.n, e: rsa.jwk.e, kid: result.body.items[2]!.thumbprint, alg: "PS256", use: "sig" });
    const audit = await events(id, "key.added");
    expect(audit.map((event) => event.details)).toEqual(
      result.body.items.map((key) => expect.objectContaining({ keyId: key.id, kid: key.kid, thumbprint: key.thumbprint, alg: key.alg, proof: "none" })),
    );
    const listed = await call<{ items: Key[]; total: number }>(listKeysRoute, { path: `${base(id)}?limit=2`, params: { id }, bearer: auditor.secret });
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.map((key) => key.kid)).toEqual([result.body.items[2]!.kid, "ed-1"]);
    const missing = await call<Problem>(listKeysRoute, { path: base(`srv_${"0".repeat(26)}`), params: { id: `srv_${"0".repeat(26)}` }, bearer: auditor.secret });
    expect(missing.status).toBe(404);
  });

  it("refuses a kid already on the identity, and a key registered anywhere in Warden without saying where", async () => {
    const [first, second] = [await makeIdentity(owner), await makeIdentity(owner)];
    const key = await pair("ES256");
    expect((await addKeys(owner, first, { jwk: { ...key.jwk, kid: "primary" } })).status).toBe(201);
    const sameKid = await addKeys<Problem>(owner, first, { jwk: { ...(await pair("EdDSA")).jwk, kid: "primary" } });
    expect(sameKid.status).toBe(409);
    expect(sameKid.body.errors).toEqual([{ path: "jwk.kid", message: "is already used by another key of this identity" }]);
    const elsewhere = await addKeys<Problem>(owner, second, { jwk: key.jwk });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.detail).toBe("This key is already registered to another identity");
    expect(elsewhere.text).not.toContain(first);
    expect(await keyCount(second)).toBe(0);
  });

  it("lets owners, backup owners and admins add keys; not other owners or auditors", async () => {
    const backup = await caller("owner");
    const id = await makeIdentity(owner, { backupOwnerId: backup.id });
    const fresh = async () => ({ jwk: (await pair("ES256")).jwk });
    expect((await addKeys(owner, id, await fresh())).status).toBe(201);
    expect((await addKeys(otherOwner, id, await fresh())).status).toBe(403);
    expect((await addKeys(admin, id, await fresh())).status).toBe(201);
    expect((await addKeys(auditor, id, await fresh())).status).toBe(403);
    expect((await addKeys(backup, id, await fresh())).status).toBe(201);
    expect(await keyCount(id)).toBe(3);
  });

  it("refuses keys and challenges for a revoked identity", async () => {
    const id = await makeIdentity(owner, { status: "revoked" });
    expect((await addKeys(owner, id, { jwk: ec.jwk })).status).toBe(409);
    expect((await challenge(owner, id)).status).toBe(409);
  });
});

describe("proof of possession", () => {
  it("requires proofs for production identities, accepts one over a fresh challenge, and refuses a replay", async () => {
    const id = await makeIdentity(owner, { environment: "production" });
    const key = await pair("ES256");
    const without = await addKeys<Problem>(owner, id, { jwk: key.jwk });
    expect(without.status).toBe(422);
    expect(without.body.errors?.[0]?.path).toBe("proofs");

    const issued = await challenge(owner, id);
    expect(issued.status).toBe(201);
    expect(issued.body.challengeId).toMatch(/^kch_[0-9a-z]{26}$/);
    expect(new Date(issued.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect((await events(id, "key.challenge_issued")).map((event) => event.details)).toEqual([expect.objectContaining({ challengeId: issued.body.challengeId })]);
    const proof = await sign(key, { challenge: issued.body.nonce, aud: issued.body.audience });
    const body = { jwk: { ...key.jwk, kid: "prod-1" }, challengeId: issued.body.challengeId, proofs: { "prod-1": proof } };
    const added = await addKeys(owner, id, body);
    expect(added.status).toBe(201);
    expect(added.body.items[0]!.proof).toBe("challenge");
    expect((await db().keyChallenge.findUniqueOrThrow({ where: { id: issued.body.challengeId } })).usedAt).not.toBeNull();

    const replay = await addKeys<Problem>(owner, id, { ...body, jwk: { ...key.jwk, kid: "prod-2" }, proofs: { 0: proof } });
    expect(replay.status).toBe(422);
    expect(replay.body.errors).toEqual([{ path: "challengeId", message: "has already been used: request a new challenge" }]);
    expect(await keyCount(id)).toBe(1);
  });

  it("refuses expired challenges, another identity's challenge, and bad proofs", async () => {
    const id = await makeIdentity(owner, { environment: "production" });
    const key = await pair("EdDSA");
    const stranger = await pair("EdDSA");
    const attempt = async (make: (c: Challenge) => Promise<string> | string, options: { challengeFor?: string; expire?: boolean } = {}) => {
      const issued = (await challenge(owner, options.challengeFor ?? id)).body;
      if (options.expire) await db().keyChallenge.update({ where: { id: issued.challengeId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      return addKeys<Problem>(owner, id, { jwk: key.jwk, challengeId: issued.challengeId, proofs: { 0: await make(issued) } });
    };
    const good = (c: Challenge) => sign(key, { challenge: c.nonce, aud: c.audience });
    const unsigned = (c: Challenge) =>
      [{ alg: "none", typ: "warden-key-proof+jwt" }, { challenge: c.nonce, aud: c.audience, iat: Math.floor(Date.now() / 1000) }].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".") + ".";
    const cases: [string, () => Promise<{ status: number; body: Problem }>, string, unknown][] = [
      ["expired", () => attempt(good, { expire: true }), "challengeId", "has expired: request a new challenge"],
      ["another identity's", async () => attempt(good, { challengeFor: await makeIdentity(owner) }), "challengeId", "is not a challenge issued for this identity"],
      ["signed by another key", () => attempt((c) => sign(stranger, { challenge: c.nonce, aud: c.audience })), "proofs.0", "has a signature that does not verify with this key"],
      ["wrong challenge", () => attempt((c) => sign(key, { challenge: "something-else", aud: c.audience })), "proofs.0", "does not sign the nonce of this challenge"],
      ["wrong typ", () => attempt((c) => sign(key, { challenge: c.nonce, aud: c.audience }, { typ: "JWT" })), "proofs.0", 'must have typ "warden-key-proof+jwt" in its header'],
      ["alg none", () => attempt(unsigned), "proofs.0", 'is unsigned (alg "none"): sign it with the private key'],
      ["wrong audience", () => attempt((c) => sign(key, { challenge: c.nonce, aud: "https://elsewhere.example.test" })), "proofs.0", expect.stringContaining("must have aud")],
      ["an unknown challenge", () => addKeys<Problem>(owner, id, { jwk: key.jwk, challengeId: newId("keyChallenge"), proofs: { 0: "a.b.c" } }), "challengeId", "is not a challenge issued for this identity"],
      ["a proof for no submitted key", async () => {
        const issued = (await challenge(owner, id)).body;
        return addKeys<Problem>(owner, id, { jwk: key.jwk, challengeId: issued.challengeId, proofs: { 7: await good(issued) } });
      }, "proofs.7", "does not name a submitted key: use its kid or its index"],
    ];
    for (const [name, run, path, message] of cases) {
      const result = await run();
      expect(result.status, name).toBe(422);
      expect(result.body.errors, name).toEqual([{ path, message }]);
    }
    expect(await keyCount(id)).toBe(0);
    // a failed attempt does not spend the challenge: the same one still works with a good proof
    const issued = (await challenge(owner, id)).body;
    await addKeys(owner, id, { jwk: key.jwk, challengeId: issued.challengeId, proofs: { 0: await sign(stranger, { challenge: issued.nonce, aud: issued.audience }) } });
    const ok = await addKeys(owner, id, { jwk: key.jwk, challengeId: issued.challengeId, proofs: { 0: await good(issued) } });
    expect(ok.status).toBe(201);
  });
});

describe("rotation and revocation", () => {
  it("retires an active key with an overlap, once", async () => {
    const id = await makeIdentity(owner);
    const [key] = (await addKeys(owner, id, { jwk: (await pair("ES256")).jwk })).body.items;
    const retired = await retire(owner, id, key!.id);
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe("retiring");
    const overlap = new Date(retired.body.retiringUntil!).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(7 * 24 * 3600_000);
    expect((await retire<Problem>(owner, id, key!.id)).status).toBe(409);
    expect((await retire<Problem>(otherOwner, id, key!.id)).status).toBe(403);
    expect((await retire<Problem>(owner, id, `key_${"0".repeat(26)}`)).status).toBe(404);
    const [other] = (await addKeys(owner, id, { jwk: (await pair("ES256")).jwk })).body.items;
    const short = await retire(owner, id, other!.id, { overlapDays: 1 });
    expect(new Date(short.body.retiringUntil!).getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect((await events(id, "key.retired")).length).toBe(2);
  });

  it("revokes a key with a reason, records the revocation and refuses a second time", async () => {
    const id = await makeIdentity(owner);
    const [key] = (await addKeys(owner, id, { jwk: (await pair("ES256")).jwk })).body.items;
    const noReason = await revoke<Problem>(owner, id, key!.id, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ path: "reason", message: "A reason is required" }]);
    expect((await revoke<Problem>(owner, id, key!.id, { reason: "no" })).status).toBe(422);
    const revoked = await revoke(admin, id, key!.id, { reason: "laptop stolen" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: "revoked", revokedReason: "laptop stolen" });
    const revocations = await db().revocation.findMany({ where: { subjectType: "key", subjectId: key!.id } });
    expect(revocations).toMatchObject([{ identityId: id, reason: "laptop stolen", revokedById: admin.id }]);
    expect((await events(id, "key.revoked")).map((event) => event.details)).toEqual([expect.objectContaining({ keyId: key!.id, reason: "laptop stolen", revocationId: revocations[0]!.id })]);
    expect((await revoke<Problem>(admin, id, key!.id, { reason: "again, please" })).status).toBe(409);
    expect((await retire<Problem>(owner, id, key!.id)).status).toBe(409);
  });
});

describe("the public JWK Set", () => {
  it("publishes active and overlapping retiring keys with caching headers, and answers If-None-Match with 304", async () => {
    const id = await makeIdentity(owner);
    const pairs = await Promise.all([pair("ES256"), pair("EdDSA"), pair("ES256"), pair("ES256"), pair("ES256")]);
    const added = (await addKeys(owner, id, { jwks: { keys: pairs.map((p) => p.jwk) } })).body.items;
    const [active, overlapping, revoked, retiredLongAgo, expired] = added as [Key, Key, Key, Key, Key];
    await retire(owner, id, overlapping.id);
    await revoke(owner, id, revoked.id, { reason: "rotated out" });
    await retire(owner, id, retiredLongAgo.id);
    await db().identityKey.update({ where: { id: retiredLongAgo.id }, data: { retiringUntil: new Date(Date.now() - 1000) } });
    await db().identityKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const first = await jwks(id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    expect(first.keys.map((key) => key.kid)).toEqual([active.kid, overlapping.kid]);
    expect(first.keys[0]).toEqual(active.publicJwk);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect((await jwks(id)).headers.get("etag")).toBe(etag);

    const notModified = await jwks(id, { "if-none-match": `"other", ${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);

    await revoke(owner, id, overlapping.id, { reason: "compromised" });
    const changed = await jwks(id, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.keys.map((key) => key.kid)).toEqual([active.kid]);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("publishes an empty set unless the identity is active, and 404 for unknown or malformed ids", async () => {
    const id = await makeIdentity(owner);
    await addKeys(owner, id, { jwk: (await pair("ES256")).jwk });
    expect((await jwks(id)).keys).toHaveLength(1);
    await db().identity.update({ where: { id }, data: { status: "suspended" } });
    const suspended = await jwks(id);
    expect(suspended.status).toBe(200);
    expect(suspended.text).toBe('{"keys":[]}');
    expect((await jwks(`srv_${"0".repeat(26)}`)).status).toBe(404);
    expect((await jwks("not-an-id")).status).toBe(404);
  });
});
