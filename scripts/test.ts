// npm test — every layer, in order, with one summary line per layer:
// typecheck, lint, unit, integration on SQLite, integration on PostgreSQL, and
// Playwright e2e against a production build, then `npm audit` of the production
// dependencies (scripts/security/npm-audit.ts). All layers run even when one
// fails, so one run shows everything; the exit code is non-zero if any failed.
// A layer that could not run at all (the audit, where the advisory service is
// unreachable) is reported as SKIP with the reason, never as PASS.
// `npm test -- unit lint` runs only the named layers.
import { spawnSync } from "node:child_process";
import net from "node:net";
import { pgAdminUrl } from "@/lib/db/scratch-postgres";

type Layer = { name: string; command: string[]; before?: () => Promise<string | null>; skippedExit?: number };
type Outcome = "PASS" | "FAIL" | "SKIP";
/** scripts/security/npm-audit.ts's exit code when the advisory service cannot be asked */
const AUDIT_SKIPPED_EXIT = 3;

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
  { name: "dependencies", command: ["npx", "tsx", "scripts/security/npm-audit.ts"], skippedExit: AUDIT_SKIPPED_EXIT },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !LAYERS.some((layer) => layer.name === name));
  if (unknown.length) {
    console.error(`Unknown layer(s): ${unknown.join(", ")}. Layers: ${LAYERS.map((layer) => layer.name).join(", ")}`);
    return 2;
  }
  const selected = only.length ? LAYERS.filter((layer) => only.includes(layer.name)) : LAYERS;
  const results: { name: string; outcome: Outcome; seconds: number; note?: string }[] = [];
  for (const layer of selected) {
    console.log(`\n━━ ${layer.name} ━━ ${layer.command.join(" ")}`);
    const started = Date.now();
    const problem = layer.before ? await layer.before() : null;
    if (problem) {
      console.error(problem);
      results.push({ name: layer.name, outcome: "FAIL", seconds: 0, note: problem });
      continue;
    }
    const run = spawnSync(layer.command[0]!, layer.command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const outcome: Outcome = run.status === 0 ? "PASS" : layer.skippedExit !== undefined && run.status === layer.skippedExit ? "SKIP" : "FAIL";
    results.push({ name: layer.name, outcome, seconds: (Date.now() - started) / 1000, note: outcome === "SKIP" ? "could not run here: see its output above" : undefined });
  }
  console.log("\nSummary");
  for (const result of results) {
    console.log(`${result.outcome}  ${result.name.padEnd(22)} ${result.seconds.toFixed(1).padStart(6)} s${result.note ? `  (${result.note})` : ""}`);
  }
  const failed = results.filter((result) => result.outcome === "FAIL");
  const skipped = results.filter((result) => result.outcome === "SKIP");
  const skippedNote = skipped.length ? ` ${skipped.length} skipped: ${skipped.map((result) => result.name).join(", ")}.` : "";
  console.log(failed.length ? `\n${failed.length} of ${results.length} layers failed.${skippedNote}` : `\n${results.length - skipped.length} of ${results.length} layers passed.${skippedNote}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code));
