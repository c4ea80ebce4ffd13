// The SQLite writer thread (lib/oauth/writer/): the token service's group
// commit and the rate limiter write through it when it runs, and must keep
// every guarantee of the main thread's path — single-use values refused on
// their second use, within a batch and across batches, with the refusal
// events written instead; one audit chain with the events other connections
// append meanwhile; counts that add up — and fall back to the main thread's
// connection once it is stopped. Two processes writing through their own
// threads are covered by oauth-multi-instance.test.ts.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ANONYMOUS, appendAuditEvent, type AuditInput } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { commitWrites } from "@/lib/oauth/commit-batch";
import { startSqliteWriter, stopSqliteWriter, type SqliteWriter } from "@/lib/oauth/writer/sqlite-writer";
import { sqliteWriter } from "@/lib/oauth/writer/writer-slot";
import { countHits } from "@/lib/rate-limit/count-hits";

const provider = inject("databaseTarget").provider;
const marker = `writer-${crypto.randomUUID()}`;
const key = (name: string) => `test:${marker}:${name}`;
const value = (name: string) => ({ key: key(name), expiresAtMs: Date.now() + 60_000 });
const event = (name: string, outcome: "success" | "failure" = "success"): AuditInput => ({ action: outcome === "success" ? "token.issued" : "token.refused", actor: ANONYMOUS, outcome, details: { marker, name } });
const refusal = (name: string) => (replayed: string[]) => [{ ...event(name, "failure"), details: { marker, name, replayed } }];

async function eventsNamed(name: string): Promise<{ action: string; details: unknown }[]> {
  const rows = await db().auditEvent.findMany({ where: { action: { in: ["token.issued", "token.refused"] } }, orderBy: { seq: "asc" }, select: { action: true, details: true } });
  return rows.filter((row) => {
    const details = (typeof row.details === "string" ? JSON.parse(row.details) : row.details) as { marker?: string; name?: string };
    return details.marker === marker && details.name === name;
  });
}

describe.runIf(provider === "sqlite")("the SQLite writer thread", () => {
  let writer: SqliteWriter;

  beforeAll(async () => {
    await db().$connect();
    writer = startSqliteWriter()!;
  });

  afterAll(async () => {
    await stopSqliteWriter();
  });

  it("commits single-use values and audit events, continuing the chain other connections extend", async () => {
    const before = writer.answered;
    expect((await commitWrites({ singleUse: [value("a1"), value("a2")], events: [event("a")] })).replayedKeys).toEqual([]);
    // the main thread's connection appends meanwhile: the thread's next batch must chain to that event
    await transact((tx) => appendAuditEvent(tx, { action: "token.revoked", actor: ANONYMOUS, details: { marker } }));
    expect((await commitWrites({ singleUse: [value("b1")], events: [event("b")] })).replayedKeys).toEqual([]);
    // at least one commit each, and for the second one also the answer that the head had moved
    expect(writer.answered - before).toBeGreaterThanOrEqual(3);
    expect(await eventsNamed("a")).toHaveLength(1);
    expect(await eventsNamed("b")).toHaveLength(1);
    const stored = await db().replayEntry.count({ where: { key: { in: [key("a1"), key("a2"), key("b1")] } } });
    expect(stored).toBe(3);
    const report = await verifyAuditChain(db());
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
  });

  it("refuses a single-use value on its second use, across batches and within one, and writes the refusal events instead", async () => {
    expect((await commitWrites({ singleUse: [value("c1")], events: [event("c-first")] })).replayedKeys).toEqual([]);
    const again = await commitWrites({ singleUse: [value("c1"), value("c2")], events: [event("c-second")], eventsIfReplayed: refusal("c-second") });
    expect(again.replayedKeys).toEqual([key("c1")]);
    expect(await eventsNamed("c-second")).toEqual([{ action: "token.refused", details: { marker, name: "c-second", replayed: [key("c1")] } }]);
    // the job's other value was new: it is spent now
    expect((await commitWrites({ singleUse: [value("c2")], events: [], eventsIfReplayed: refusal("c-third") })).replayedKeys).toEqual([key("c2")]);

    // two uses of one value in the same batch (queued in the same turn of the event loop): exactly one goes through
    const both = await Promise.all([
      commitWrites({ singleUse: [value("d1")], events: [event("d-x")], eventsIfReplayed: refusal("d-x") }),
      commitWrites({ singleUse: [value("d1")], events: [event("d-y")], eventsIfReplayed: refusal("d-y") }),
    ]);
    expect(both.map((result) => result.replayedKeys)).toEqual([[], [key("d1")]]);
    expect((await eventsNamed("d-x")).map((row) => row.action)).toEqual(["token.issued"]);
    expect((await eventsNamed("d-y")).map((row) => row.action)).toEqual(["token.refused"]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("lets exactly one of many concurrent uses of a value through, with many other jobs in the same batches", async () => {
    const jobs = Array.from({ length: 60 }, (_, index) =>
      commitWrites({ singleUse: [index % 3 === 0 ? value("shared") : value(`e${index}`)], events: [event(`e${index}`)], eventsIfReplayed: refusal(`e${index}`) }),
    );
    const results = await Promise.all(jobs);
    const replays = results.filter((result) => result.replayedKeys.length > 0);
    expect(replays).toHaveLength(19);
    for (const result of replays) expect(result.replayedKeys).toEqual([key("shared")]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("counts rate-limit hits, adding up across calls", async () => {
    const before = writer.answered;
    const now = Date.now();
    const first = await countHits([{ key: key("limit"), hits: 3, windowSeconds: 60 }], now);
    const second = await countHits([{ key: key("limit"), hits: 2, windowSeconds: 60 }], now + 1);
    expect(first.get(key("limit"))).toEqual({ count: 3, resetAtMs: now + 60_000 });
    expect(second.get(key("limit"))).toEqual({ count: 5, resetAtMs: now + 60_000 });
    expect(writer.answered - before).toBe(2);
  });

  it("has its commits copied into the database file in the background, without a checkpoint of its own", async () => {
    const target = inject("databaseTarget");
    if (target.provider !== "sqlite") throw new Error("SQLite only");
    expect((await commitWrites({ singleUse: [value("g1")], events: [event("g")] })).replayedKeys).toEqual([]);
    // the writer checkpoints only past 64 MiB of WAL; the checkpointer thread copies frames every 200 ms.
    // The database file alone (a copy without its WAL) has the row only once they were copied.
    const copy = path.join(os.tmpdir(), `${marker}.db`);
    let found = false;
    for (let attempt = 0; attempt < 40 && !found; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        fs.copyFileSync(target.file, copy);
        const alone = new Database(copy, { readonly: true });
        found = alone.prepare('SELECT 1 FROM "ReplayEntry" WHERE "key" = ?').get(key("g1")) !== undefined;
        alone.close();
      } catch {
        // copied in the middle of a checkpoint: try again
      } finally {
        fs.rmSync(copy, { force: true });
      }
    }
    expect(found).toBe(true);
  });

  it("writes on the main thread's connection once the thread is stopped", async () => {
    await stopSqliteWriter();
    expect(sqliteWriter()).toBeNull();
    const answered = writer.answered;
    expect((await commitWrites({ singleUse: [value("f1")], events: [event("f")] })).replayedKeys).toEqual([]);
    expect((await commitWrites({ singleUse: [value("f1")], events: [], eventsIfReplayed: refusal("f-again") })).replayedKeys).toEqual([key("f1")]);
    expect(writer.answered).toBe(answered);
    expect(await eventsNamed("f")).toHaveLength(1);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
