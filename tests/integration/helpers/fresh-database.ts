// A separate, freshly migrated database of the project's provider, for tests
// that must not share state (tampering with the audit chain, first run).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import type { DbTarget } from "@/lib/db/target";

export function withFreshDatabase<T>(fn: (client: Db, target: DbTarget) => Promise<T>): Promise<T> {
  return withFreshDatabaseAt(undefined, fn);
}

/** A fresh database migrated only up to the named migration (all of them when undefined). */
export async function withFreshDatabaseAt<T>(upTo: string | undefined, fn: (client: Db, target: DbTarget) => Promise<T>): Promise<T> {
  const provider = inject("databaseTarget").provider;
  let target: DbTarget;
  let cleanup: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-fresh-"));
    target = { provider, file: path.join(dir, "warden.db") };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase("warden_fresh");
    target = { provider, url: scratch.url };
    cleanup = scratch.drop;
  }
  await applyMigrations(target, undefined, { upTo });
  const client = createClient(target);
  try {
    return await fn(client, target);
  } finally {
    await client.$disconnect();
    await cleanup();
  }
}
