// Instances of a fresh deployment start together and each applies the pending
// migrations at start-up (scripts/start.ts). On PostgreSQL the schema engine
// takes an advisory lock around applying them, so three processes that start
// migrating an empty database within milliseconds of each other apply each
// migration exactly once: one applies them all, the others wait and find
// nothing pending.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate/files";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import pg from "pg";

type Outcome = { code: number | null; applied?: string[]; error?: string; startedLateMs: number };

function migrateAt(url: string, at: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.node.json", "tests/integration/helpers/apply-migrations-at.ts", url, String(at)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, ...(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Omit<Outcome, "code">) }));
  });
}

describe("migrations applied by several instances at once (PostgreSQL)", () => {
  it("apply each migration once, whichever instance gets there first", async () => {
    const scratch = await createScratchDatabase("warden_migrate_race");
    try {
      // the children take a few seconds to load tsx and the engine on a busy machine
      const at = Date.now() + 15_000;
      const outcomes = await Promise.all([1, 2, 3].map(() => migrateAt(scratch.url, at)));
      expect(outcomes.map((outcome) => outcome.code)).toEqual([0, 0, 0]);
      // they really raced: each started within a fraction of the migration's own duration
      for (const outcome of outcomes) expect(outcome.startedLateMs).toBeLessThan(500);
      const all = readMigrations("postgresql").map((migration) => migration.name);
      const applied = outcomes.map((outcome) => outcome.applied ?? []);
      expect(applied.filter((names) => names.length > 0)).toEqual([all]);
      expect(applied.filter((names) => names.length === 0)).toHaveLength(2);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const rows = (await client.query<{ migration_name: string; finished_at: Date | null }>(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`)).rows;
        expect(rows.map((row) => row.migration_name)).toEqual(all);
        expect(rows.every((row) => row.finished_at !== null)).toBe(true);
      } finally {
        await client.end();
      }
    } finally {
      await scratch.drop();
    }
  }, 120_000);
});
