// Creates the database an integration project runs against and migrates it
// with the same code `npm start` uses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import type { DbTarget } from "@/lib/db/target";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTarget: DbTarget;
    dataDir: string;
  }
}

export async function setUpDatabase(project: TestProject, provider: "sqlite" | "postgresql"): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `warden-it-${provider}-`));
  let target: DbTarget;
  let drop = async () => {};
  if (provider === "sqlite") {
    target = { provider, file: path.join(dataDir, "warden.db") };
  } else {
    const scratch = await createScratchDatabase("warden_it");
    target = { provider, url: scratch.url };
    drop = scratch.drop;
  }
  await applyMigrations(target);
  project.provide("databaseTarget", target);
  project.provide("dataDir", dataDir);
  return async () => {
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
