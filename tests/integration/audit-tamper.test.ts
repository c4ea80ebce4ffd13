// Tampering with the stored audit log, the way someone with write access to
// the database would, and the verifier pinpointing each change: edited
// content, an edited index column, a deleted event, a cut tail with the head
// rewritten to match (caught by a signed anchor), forged or altered anchors,
// and an event emptied as if retention had pruned it.
import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { ANCHOR_TYP } from "@/lib/audit/anchor/anchor-jws";
import { createAnchor } from "@/lib/audit/anchor/create-anchor";
import { ANONYMOUS, appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import { tombstoneData } from "@/lib/audit/retention/tombstone";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { append, realisticEvents, seedSigningKey } from "./helpers/audit-integrity";
import { withFreshDatabase } from "./helpers/fresh-database";

const SYSTEM = { type: "system" as const, id: null, label: "Warden" };

/** 40 realistic events, an anchor (event 41 signs itself), 6 more: head 47. */
async function anchoredChain(client: Db) {
  await seedSigningKey(client);
  await append(client, realisticEvents(40));
  const anchor = (await createAnchor({ actor: SYSTEM, client }))!;
  await append(client, realisticEvents(6));
  const intact = await verifyAuditChain(client, { batchSize: 9 });
  expect(intact).toMatchObject({ ok: true, checked: 47, headSeq: "47", anchorsChecked: 1, firstBreak: null });
  return anchor;
}

const row = (client: Db, seq: number) => client.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(seq) } });

describe("audit tampering is pinpointed", () => {
  it("(a) an event whose details were edited in the database", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const target = await row(client, 23); // a tool call
      expect(target.action).toBe("mcp.tool_call");
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"tool":"list_invoices","result":"failure"}' WHERE "seq" = 23`);
      const report = await verifyAuditChain(client, { batchSize: 9 });
      expect(report).toMatchObject({ ok: false, checked: 22 });
      expect(report.firstBreak).toEqual({ seq: "23", id: target.id, reason: "its content does not match its hash (the event was edited)" });
    });
  });

  it("(b) an event whose index column (agentId) alone was edited", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const target = await row(client, 9); // a token issued
      expect(target).toMatchObject({ action: "token.issued", agentId: "agt_01jtamperagent0000000000000" });
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "agentId" = 'agt_someone_else' WHERE "seq" = 9`);
      const report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "9", id: target.id, reason: "its index columns do not match its content (agentId)" });
      expect(report.checked).toBe(8);
    });
  });

  it("(b) an event hidden from the scope filter by deleting its scope index row", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const target = await row(client, 9); // a token issued, which names its scopes
      const indexed = await client.auditEventScope.findMany({ where: { seq: 9n } });
      expect(indexed.length).toBeGreaterThan(0);
      expect(indexed.map((item) => item.scope).sort()).toEqual(target.scope!.split(" ").sort());
      await client.$executeRawUnsafe(`DELETE FROM "AuditEventScope" WHERE "seq" = 9 AND "scope" = '${indexed[0]!.scope.replace(/'/g, "''")}'`);
      const report = await verifyAuditChain(client, { batchSize: 9 });
      expect(report.firstBreak).toEqual({ seq: "9", id: target.id, reason: "its scope index rows do not match its content (AuditEventScope)" });
    });
  });

  it("(c) a deleted event in the middle", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 30`);
      const report = await verifyAuditChain(client, { batchSize: 7 });
      expect(report.firstBreak).toEqual({ seq: "30", id: null, reason: "event 30 is missing (next present is 31)" });
    });
  });

  it("(d) a cut tail with the head row rewritten to the new end: only the anchor shows it", async () => {
    await withFreshDatabase(async (client) => {
      const anchor = await anchoredChain(client);
      expect(anchor.seq).toBe(41n);
      const newEnd = await row(client, 35);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 35`);
      await client.auditHead.update({ where: { id: 1 }, data: { seq: newEnd.seq, hash: newEnd.hash } });
      const report = await verifyAuditChain(client);
      expect(report).toMatchObject({ ok: false, checked: 35, headSeq: "35" });
      expect(report.firstBreak).toEqual({ seq: "41", id: null, reason: "anchored head seq 41 is missing or changed: the tail was truncated or rewritten" });
    });
  });

  it("(d) a tail rewritten with different, well-chained events past the anchor", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const newEnd = await row(client, 38);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 38`);
      await client.auditHead.update({ where: { id: 1 }, data: { seq: newEnd.seq, hash: newEnd.hash } });
      // ten innocent-looking events, hashed and linked as Warden would
      await append(client, Array.from({ length: 10 }, (): AuditInput => ({ action: "auth.sign_in.failed", actor: ANONYMOUS, details: { email: "x@example.test" } })));
      const report = await verifyAuditChain(client);
      expect(report.headSeq).toBe("48");
      expect(report.firstBreak).toMatchObject({ seq: "41", reason: "anchored head seq 41 is missing or changed: the tail was truncated or rewritten" });
      expect(report.firstBreak?.id).toMatch(/^evt_/);
    });
  });

  it("(e) an anchor whose stored hash was altered", async () => {
    await withFreshDatabase(async (client) => {
      const anchor = await anchoredChain(client);
      await client.auditAnchor.update({ where: { id: anchor.id }, data: { hash: "f".repeat(64) } });
      const report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "41", id: null, reason: `anchor ${anchor.id} is not a valid statement of Warden's: its stored position or hash differs from the signed one` });
    });
  });

  it("(e) anchors signed with a key that is not Warden's, or under a swapped public key", async () => {
    await withFreshDatabase(async (client) => {
      const real = await anchoredChain(client);
      const event = await row(client, 47);
      const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
      const payload = new TextEncoder().encode(JSON.stringify({ iss: "http://localhost:3000", seq: "47", hash: event.hash, signedAt: new Date().toISOString() }));
      const sign = (kid: string) => new CompactSign(payload).setProtectedHeader({ alg: "ES256", kid, typ: ANCHOR_TYP }).sign(privateKey);

      // claims the real key's kid
      await client.auditAnchor.create({ data: { id: "anc_forged_kid", seq: 47n, hash: event.hash, signedAt: new Date(), kid: real.kid, jws: await sign(real.kid) } });
      let report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "47", id: null, reason: `anchor anc_forged_kid is not a valid statement of Warden's: its signature does not verify with Warden's key ${real.kid}` });
      await client.auditAnchor.delete({ where: { id: "anc_forged_kid" } });

      // the attacker's own key row, with a private part they could not seal under the KEK
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk, "sha256");
      await client.signingKey.create({ data: { kid, alg: "ES256", publicJwk: { ...publicJwk, kid, alg: "ES256", use: "sig" }, encryptedPrivateKey: "v1.AAAA.AAAA.AAAA", status: "retired" } });
      await client.auditAnchor.create({ data: { id: "anc_forged_key", seq: 47n, hash: event.hash, signedAt: new Date(), kid, jws: await sign(kid) } });
      report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "47", id: null, reason: `anchor anc_forged_key is not a valid statement of Warden's: the record of signing key ${kid} cannot be authenticated with the key-encryption key` });
      await client.auditAnchor.delete({ where: { id: "anc_forged_key" } });

      // the real key's row with the attacker's public key swapped in
      await client.signingKey.update({ where: { kid: real.kid }, data: { publicJwk: { ...publicJwk, kid: real.kid, alg: "ES256", use: "sig" } } });
      await client.auditAnchor.create({ data: { id: "anc_swapped", seq: 47n, hash: event.hash, signedAt: new Date(), kid: real.kid, jws: await sign(real.kid) } });
      report = await verifyAuditChain(client);
      expect(report.ok).toBe(false);
      // the genuine anchor at 41 no longer verifies either: its key row was tampered with
      expect(report.firstBreak).toEqual({ seq: "41", id: null, reason: `anchor ${real.id} is not a valid statement of Warden's: the public part of signing key ${real.kid} was changed` });
    });
  });

  it("(f) an event marked pruned without a retention run, emptied or not", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const target = await row(client, 13);
      await client.auditEvent.update({ where: { seq: 13n }, data: { prunedAt: new Date() } });
      let report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "13", id: target.id, reason: "it is marked pruned without a retention run" });

      // emptied like a real tombstone, with a retention record that no anchor signed
      await client.auditEvent.update({ where: { seq: 13n }, data: tombstoneData(target.action, new Date()) });
      await client.auditPrune.create({ data: { id: "aprn_forged", eventClass: "token", cutoff: new Date(Date.now() + 86_400_000), upToSeq: 47n, pruned: 1, anchorId: null, at: new Date() } });
      report = await verifyAuditChain(client);
      expect(report.firstBreak).toEqual({ seq: "13", id: target.id, reason: "it is marked pruned without a retention run" });
    });
  });

  it("an incremental check starts after a verified event and still sees the anchors from there on", async () => {
    await withFreshDatabase(async (client) => {
      await anchoredChain(client);
      const fromSeq = { seq: 30n };
      expect(await verifyAuditChain(client, { from: fromSeq })).toMatchObject({ ok: true, mode: "incremental", checked: 17, anchorsChecked: 1 });
      // an edit before the starting point is left to the next full walk …
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'x' WHERE "seq" = 5`);
      expect((await verifyAuditChain(client, { from: fromSeq })).ok).toBe(true);
      expect((await verifyAuditChain(client)).firstBreak?.seq).toBe("5");
      // … a cut tail is not
      const newEnd = await row(client, 36);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 36`);
      await client.auditHead.update({ where: { id: 1 }, data: { seq: newEnd.seq, hash: newEnd.hash } });
      expect((await verifyAuditChain(client, { from: fromSeq })).firstBreak).toMatchObject({ seq: "41", reason: expect.stringContaining("truncated") });
      expect((await verifyAuditChain(client, { from: { seq: 45n } })).firstBreak).toMatchObject({ seq: "45", reason: expect.stringContaining("truncated") });
    });
  });

  it("a chain of appended events without anchors still verifies (no anchors is not a break)", async () => {
    await withFreshDatabase(async (client) => {
      await transact((tx) => appendAuditEvents(tx, realisticEvents(12)), client);
      expect(await verifyAuditChain(client)).toMatchObject({ ok: true, checked: 12, anchorsChecked: 0, tombstones: 0, mode: "full" });
    });
  });
});
