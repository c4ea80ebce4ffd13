// Generates the Prisma client for both providers without network access.
// `prisma generate` needs no schema engine, but the CLI checks that one was
// downloaded; PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file satisfies
// that check (nothing executes it). A stamp of the inputs skips needless runs.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PROVIDERS, projectRoot, readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";

function generatedSchemaDir(provider: string, root: string): string {
  return path.join(root, "prisma", ".generated", provider);
}

function inputsHash(root: string): string {
  const require = createRequire(import.meta.url);
  const prismaVersion = (require("prisma/package.json") as { version: string }).version;
  return crypto.createHash("sha256").update(readSourceSchema(root)).update(prismaVersion).digest("hex");
}

function stampPath(root: string): string {
  return path.join(root, "lib", "db", "generated", ".stamp");
}

// Quiet unless it fails: the CLI prints banners on every run.
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): void {
  try {
    execFileSync(command, args, { ...options, stdio: "pipe" });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(failure.stdout ?? "");
    process.stderr.write(failure.stderr ?? "");
    throw error;
  }
}

export function clientIsFresh(root = projectRoot()): boolean {
  const stamp = stampPath(root);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === inputsHash(root);
}

export function generateClients(options: { force?: boolean; root?: string } = {}): boolean {
  const root = options.root ?? projectRoot();
  if (!options.force && clientIsFresh(root)) return false;
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma/build/index.js");
  const source = readSourceSchema(root);
  for (const provider of PROVIDERS) {
    const dir = generatedSchemaDir(provider, root);
    fs.mkdirSync(dir, { recursive: true });
    const schemaPath = path.join(dir, "schema.prisma");
    fs.writeFileSync(schemaPath, schemaFor(provider, source, dir));
    run(process.execPath, [cli, "generate", "--schema", schemaPath], {
      cwd: root,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: schemaPath,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
  }
  fs.writeFileSync(stampPath(root), inputsHash(root));
  return true;
}
