// Proves both defects the wrapper exists for, on the raw adapter (control) and
// that the wrapper removes them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { SerializedSqliteAdapterFactory } from "@/lib/db/serialized-sqlite-adapter";

let dir: string;
let file: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-adapter-"));
  file = path.join(dir, "warden.db");
  await applyMigrations({ provider: "sqlite", file });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const user = (id: string) => ({ id, email: `${id}@example.test`, name: id, role: "owner" as const });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A transaction that writes, waits (another request runs meanwhile), then fails.
// The outside request starts only once the transaction has written (a latch,
// not a sleep, so the interleaving does not depend on timing).
async function interleave(client: PrismaClient, inside: string, outside: string) {
  let written!: () => void;
  const insideWritten = new Promise<void>((resolve) => (written = resolve));
  const failing = client
    .$transaction(async (tx) => {
      await tx.user.create({ data: user(inside) });
      written();
      await sleep(150);
      throw new Error("business rule failed");
    })
    .catch(() => "rolled back");
  await insideWritten;
  await client.user.create({ data: user(outside) });
  const seenDuring = await client.user.findUnique({ where: { id: inside } });
  await failing;
  return {
    outsideSurvived: (await client.user.findUnique({ where: { id: outside } })) !== null,
    sawUncommitted: seenDuring !== null,
  };
}

describe("SerializedSqliteAdapterFactory", () => {
  it("control: on the raw adapter a concurrent write is rolled back with another request's transaction", async () => {
    const raw = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) });
    try {
      const result = await interleave(raw, "raw_inside", "raw_outside");
      expect(result).toEqual({ outsideSurvived: false, sawUncommitted: true });
    } finally {
      await raw.$disconnect();
    }
  });

  it("keeps top-level statements out of other requests' transactions", async () => {
    const client = new PrismaClient({ adapter: new SerializedSqliteAdapterFactory(file) });
    try {
      const result = await interleave(client, "wrapped_inside", "wrapped_outside");
      expect(result).toEqual({ outsideSurvived: true, sawUncommitted: false });
      expect(await client.user.findUnique({ where: { id: "wrapped_inside" } })).toBeNull();
    } finally {
      await client.$disconnect();
    }
  });

  it("runs transactionSync after an open interactive transaction, and rolls it back whole when it throws", async () => {
    const factory = new SerializedSqliteAdapterFactory(file);
    const client = new PrismaClient({ adapter: factory });
    try {
      expect(factory.transactionSync(() => 1)).toBeNull(); // not connected yet
      await client.$connect();
      let written!: () => void;
      const insideWritten = new Promise<void>((resolve) => (written = resolve));
      const order: string[] = [];
      const interactive = client.$transaction(async (tx) => {
        await tx.user.create({ data: user("sync_interactive") });
        written();
        await sleep(100);
        order.push("interactive committed");
      });
      await insideWritten;
      const seen = await factory.transactionSync((database) => {
        order.push("sync ran");
        return database.prepare('SELECT "id" FROM "User" WHERE "id" = ?').get("sync_interactive");
      });
      await interactive;
      expect(order).toEqual(["interactive committed", "sync ran"]);
      expect(seen).toEqual({ id: "sync_interactive" });

      const failing = factory.transactionSync((database) => {
        database.prepare('INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (?, ?, ?, ?)').run("sync_rolled_back", "sync@example.test", "x", "2026-11-26T00:00:00.000+00:00");
        expect(database.prepare('SELECT COUNT(*) AS "n" FROM "User" WHERE "id" = ?').get("sync_rolled_back")).toEqual({ n: 1n });
        throw new Error("business rule failed");
      });
      await expect(failing).rejects.toThrow("business rule failed");
      expect(await client.user.findUnique({ where: { id: "sync_rolled_back" } })).toBeNull();
    } finally {
      await client.$disconnect();
    }
  });

  it("makes transactions in two processes queue instead of failing with SQLITE_BUSY_SNAPSHOT", async () => {
    const client = new PrismaClient({ adapter: new SerializedSqliteAdapterFactory(file) });
    try {
      await client.auditHead.update({ where: { id: 1 }, data: { seq: 0 } });
      const worker = path.join(process.cwd(), "lib/db/testing/sqlite-increment-worker.ts");
      const run = () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ["--import", "tsx", worker, file, "25"], { cwd: process.cwd() });
          let stderr = "";
          child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
          child.on("exit", (code) => resolve({ code, stderr }));
        });
      const results = await Promise.all([run(), run()]);
      expect(results).toEqual([
        { code: 0, stderr: "" },
        { code: 0, stderr: "" },
      ]);
      const head = await client.auditHead.findUniqueOrThrow({ where: { id: 1 } });
      expect(head.seq).toBe(50n);
    } finally {
      await client.$disconnect();
    }
  }, 60_000);
});
