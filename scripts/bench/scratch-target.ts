// The throwaway database a benchmark measures on: a migrated SQLite file in a
// temporary data directory, or a migrated scratch PostgreSQL database (dropped
// afterwards unless kept), with this process's environment pointed at it the
// way `npm start` would be (silent logs, a fixed session secret).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import type { DbTarget } from "@/lib/db/target";

export type Scratch = { target: DbTarget; dataDir: string; pointHere: () => void };

/** Runs `fn` on a fresh, migrated database of `provider`; cleans up after it unless `keep`. */
export async function withScratchTarget<T>(provider: "sqlite" | "postgresql", name: string, options: { keep?: boolean }, fn: (scratch: Scratch) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `warden-bench-${name}-`));
  const database = provider === "postgresql" ? await createScratchDatabase(`warden_bench_${name}`) : null;
  const target: DbTarget = provider === "sqlite" ? { provider, file: path.join(dataDir, "warden.db") } : { provider, url: database!.url };
  const pointHere = () => {
    process.env.WARDEN_DATA_DIR = dataDir;
    if (target.provider === "postgresql") process.env.DATABASE_URL = target.url;
    else delete process.env.DATABASE_URL;
    process.env.WARDEN_SECRET = "bench-session-secret-0123456789abcdef";
    process.env.WARDEN_LOG_LEVEL = "silent";
    resetEnvCache();
  };
  try {
    await applyMigrations(target);
    return await fn({ target, dataDir, pointHere });
  } finally {
    await disconnectDb();
    if (!options.keep) {
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    } else console.log(`kept: ${target.provider === "sqlite" ? target.file : target.url}`);
  }
}
