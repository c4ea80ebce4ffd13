// npm test — every layer, in order, with one summary line per layer:
// typecheck, lint, unit, integration on SQLite, integration on PostgreSQL, and
// Playwright e2e against a production build. All layers run even when one
// fails, so one run shows everything; the exit code is non-zero if any failed.
// `npm test -- unit lint` runs only the named layers.
import { spawnSync } from "node:child_process";
import net from "node:net";
import { pgAdminUrl } from "@/lib/db/scratch-postgres";

type Layer = { name: string; command: string[]; before?: () => Promise<string | null> };

async function postgresReachable(): Promise<string | null> {
  const url = new URL(pgAdminUrl());
  const port = Number(url.port || 5432);
  const ok = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
  });
  return ok ? null : `PostgreSQL is not reachable at ${url.hostname}:${port} (set WARDEN_TEST_PG_URL, or start it: see README)`;
}

const LAYERS: Layer[] = [
  { name: "typecheck", command: ["sh", "-c", "npx next typegen >/dev/null && npx tsc --noEmit -p tsconfig.json"] },
  { name: "lint", command: ["npx", "eslint", "--max-warnings=0", "."] },
  { name: "unit", command: ["npx", "vitest", "run", "--project", "unit"] },
  { name: "integration-sqlite", command: ["npx", "vitest", "run", "--project", "integration-sqlite"] },
  { name: "integration-postgres", command: ["npx", "vitest", "run", "--project", "integration-postgres"], before: postgresReachable },
  { name: "e2e", command: ["npx", "playwright", "test"] },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !LAYERS.some((layer) => layer.name === name));
  if (unknown.length) {
    console.error(`Unknown layer(s): ${unknown.join(", ")}. Layers: ${LAYERS.map((layer) => layer.name).join(", ")}`);
    return 2;
  }
  const selected = only.length ? LAYERS.filter((layer) => only.includes(layer.name)) : LAYERS;
  const results: { name: string; ok: boolean; seconds: number; note?: string }[] = [];
  for (const layer of selected) {
    console.log(`\n━━ ${layer.name} ━━ ${layer.command.join(" ")}`);
    const started = Date.now();
    const problem = layer.before ? await layer.before() : null;
    if (problem) {
      console.error(problem);
      results.push({ name: layer.name, ok: false, seconds: 0, note: problem });
      continue;
    }
    const run = spawnSync(layer.command[0]!, layer.command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    results.push({ name: layer.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
  }
  console.log("\nSummary");
  for (const result of results) {
    console.log(`${result.ok ? "PASS" : "FAIL"}  ${result.name.padEnd(22)} ${result.seconds.toFixed(1).padStart(6)} s${result.note ? `  (${result.note})` : ""}`);
  }
  const failed = results.filter((result) => !result.ok);
  console.log(failed.length ? `\n${failed.length} of ${results.length} layers failed.` : `\nAll ${results.length} layers passed.`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code));
