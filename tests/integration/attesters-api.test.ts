// Trusted attesters through the management API (admins change them, settings
// readers see them; problem+json on bad input), and key registration with an
// attestation as evidence of a hardware-bound key.
import { describe, expect, it } from "vitest";
import { POST as revokeRoute } from "@/app/api/v1/attesters/[id]/revoke/route";
import { GET as getRoute, PATCH as updateRoute } from "@/app/api/v1/attesters/[id]/route";
import { GET as listRoute, POST as registerRoute } from "@/app/api/v1/attesters/route";
import { GET as listKeysRoute, POST as addKeysRoute } from "@/app/api/v1/identities/[id]/keys/route";
import type { TAttester } from "@/lib/attesters/schemas";
import { db } from "@/lib/db/client";
import type { TKey } from "@/lib/identities/keys/schemas";
import { seedIdentity } from "@/lib/seed/factories";
import { attestationJwt, testAttester } from "./helpers/attestation";
import { call } from "./helpers/http";
import { testKey } from "./helpers/oauth";
import { principal, type Principal } from "./helpers/registry";
import type { Problem } from "./helpers/tool-catalog";

const unique = () => Math.random().toString(36).slice(2, 10);

async function validBody() {
  const key = await testKey();
  return { name: "Agent runtime TPM", issuer: `https://tpm-${unique()}.example.test`, jwks: { keys: [{ ...key.publicJwk, kid: "tpm-1" }] }, hardwareClaims: { key_storage: ["tpm"] } };
}

const register = (who: Principal, body: unknown) => call<TAttester & Problem>(registerRoute, { method: "POST", path: "/api/v1/attesters", bearer: who.token, body });

describe("trusted attesters API", () => {
  it("an admin registers, reads, changes and revokes an attester; each change is audited", async () => {
    const admin = await principal("admin");
    const body = await validBody();
    const created = await register(admin, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^att_/), issuer: body.issuer, status: "active", expired: false, hardwareClaims: { key_storage: ["tpm"] }, keyCount: 0 });
    const id = created.body.id;
    const read = await call<TAttester>(getRoute, { path: `/api/v1/attesters/${id}`, params: { id }, bearer: admin.token });
    expect(read.body.jwks.keys[0]).toMatchObject({ kty: "EC", kid: "tpm-1" });
    const changed = await call<TAttester>(updateRoute, { method: "PATCH", path: `/api/v1/attesters/${id}`, params: { id }, bearer: admin.token, body: { hardwareClaims: { key_storage: ["tpm", "hsm"] } } });
    expect(changed.body.hardwareClaims).toEqual({ key_storage: ["tpm", "hsm"] });
    const revoked = await call<TAttester>(revokeRoute, { method: "POST", path: `/api/v1/attesters/${id}/revoke`, params: { id }, bearer: admin.token, body: { reason: "vendor stopped signing" } });
    expect(revoked.body.status).toBe("revoked");
    const listed = await call<{ items: TAttester[] }>(listRoute, { path: "/api/v1/attesters", bearer: admin.token });
    expect(listed.body.items.map((item) => item.id)).not.toContain(id);
    const events = await db().auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(events.map((event) => event.action)).toEqual(["attester.registered", "attester.updated", "attester.revoked"]);
  });

  it.each([
    ["a private key in the JWKS", async () => ({ ...(await validBody()), jwks: { keys: [{ ...(await testKey()).publicJwk, d: "c2VjcmV0" }] } }), "jwks.keys.0"],
    ["an empty hardwareClaims", async () => ({ ...(await validBody()), hardwareClaims: {} }), "hardwareClaims"],
    ["a symmetric key", async () => ({ ...(await validBody()), jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } }), "jwks.keys.0"],
    ["a key that does not import", async () => ({ ...(await validBody()), jwks: { keys: [{ kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA" }] } }), "jwks.keys.0"],
    ["an expiry in the past", async () => ({ ...(await validBody()), expiresAt: "2020-01-01T00:00:00Z" }), "expiresAt"],
    ["an unknown field", async () => ({ ...(await validBody()), trustEverything: true }), ""],
  ])("answers 422 problem+json for %s", async (_name, body, path) => {
    const reply = await register(await principal("admin"), await body());
    expect(reply.status).toBe(422);
    expect(reply.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(reply.body.code).toBe("validation_failed");
    if (path) expect(reply.body.errors?.map((issue) => issue.path)).toContain(path);
  });

  it("refuses a second attester for the same issuer (409)", async () => {
    const admin = await principal("admin");
    const body = await validBody();
    expect((await register(admin, body)).status).toBe(201);
    const again = await register(admin, { ...body, name: "Duplicate" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("already registered for this issuer");
  });

  it("lets owners and auditors read attesters but not change them (403)", async () => {
    const admin = await principal("admin");
    const { id } = (await register(admin, await validBody())).body;
    for (const role of ["owner", "auditor"] as const) {
      const who = await principal(role);
      expect((await call(listRoute, { path: "/api/v1/attesters", bearer: who.token })).status).toBe(200);
      expect((await register(who, await validBody())).status).toBe(403);
      expect((await call(updateRoute, { method: "PATCH", path: `/api/v1/attesters/${id}`, params: { id }, bearer: who.token, body: { name: "Mine now" } })).status).toBe(403);
      expect((await call(revokeRoute, { method: "POST", path: `/api/v1/attesters/${id}/revoke`, params: { id }, bearer: who.token, body: { reason: "not allowed" } })).status).toBe(403);
    }
  });
});

describe("key registration with an attestation", () => {
  async function setup() {
    const owner = await principal("owner");
    const agent = (await seedIdentity({ kind: "agent", owner })) as Awaited<ReturnType<typeof seedIdentity>> & { clientId: string };
    return { owner, agent, attester: await testAttester(), key: await testKey() };
  }
  const addKey = (who: Principal, identityId: string, body: unknown) =>
    call<{ items: TKey[] } & Problem>(addKeysRoute, { method: "POST", path: `/api/v1/identities/${identityId}/keys`, params: { id: identityId }, bearer: who.token, body });

  it("registers the attested key as hardware-bound, shown with its attester", async () => {
    const { owner, agent, attester, key } = await setup();
    const added = await addKey(owner, agent.id, { jwk: key.publicJwk, attestation: await attestationJwt(attester, agent.clientId, key) });
    expect(added.status).toBe(201);
    expect(added.body.items[0]).toMatchObject({ protection: "hardware", attester: { id: attester.record.id, name: attester.record.name }, attestedAt: expect.any(String) });
    const listed = await call<{ items: TKey[] }>(listKeysRoute, { path: `/api/v1/identities/${agent.id}/keys`, params: { id: agent.id }, bearer: owner.token });
    expect(listed.body.items[0]).toMatchObject({ protection: "hardware", attester: { name: attester.record.name } });
    const plain = await addKey(owner, agent.id, { jwk: (await testKey()).publicJwk });
    expect(plain.body.items[0]).toMatchObject({ protection: "software", attester: null, attestedAt: null });
  });

  it.each([
    ["another key in cnf.jwk", async (s: Awaited<ReturnType<typeof setup>>) => attestationJwt(s.attester, s.agent.clientId, await testKey()), "its cnf.jwk is none of the submitted keys"],
    ["another client in sub", async (s: Awaited<ReturnType<typeof setup>>) => attestationJwt(s.attester, `cli_${"0".repeat(26)}`, s.key), "its sub must be"],
    ["software key storage", async (s: Awaited<ReturnType<typeof setup>>) => attestationJwt(s.attester, s.agent.clientId, s.key, { claims: { key_storage: "file" } }), "calls a key hardware-bound when key_storage"],
    ["an untrusted issuer", async (s: Awaited<ReturnType<typeof setup>>) => attestationJwt({ ...s.attester, issuer: "https://nobody.example.test" }, s.agent.clientId, s.key), "is not a trusted attester"],
  ])("refuses an attestation with %s (422, nothing stored)", async (_name, make, message) => {
    const s = await setup();
    const reply = await addKey(s.owner, s.agent.id, { jwk: s.key.publicJwk, attestation: await make(s) });
    expect(reply.status).toBe(422);
    expect(reply.body.errors?.find((issue) => issue.path === "attestation")?.message).toContain(message);
    expect(await db().identityKey.count({ where: { identityId: s.agent.id } })).toBe(0);
  });
});
