// Audit explorer performance (issue "Audit explorer…": responsive with 10
// million events on PostgreSQL and 1 million on SQLite). Generates synthetic
// events (scripts/bench/audit/generate.ts) in a fresh database with the real
// migrations and indexes, then times the explorer's own domain functions
// (listAuditEvents with each filter, a deep cursor page, the delegation chain,
// the streamed export) and prints PostgreSQL's plan for the key filters.
// Usage: npm run bench -- audit [--sqlite 1000000] [--postgres 10000000] [--runs 15] [--only sqlite|postgresql]
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { AGENTS, generatePostgres, generateSqlite } from "@/scripts/bench/audit/generate";
import { withScratchTarget } from "@/scripts/bench/scratch-target";

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { sqlite: { type: "string", default: "1000000" }, postgres: { type: "string", default: "10000000" }, runs: { type: "string", default: "15" }, only: { type: "string" }, keep: { type: "boolean", default: false } },
});
const RUNS = Number(values.runs);
const TARGET_MS = 500;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function measure(provider: string, count: number): Promise<number> {
  const { listAuditEvents } = await import("@/lib/audit/list-events");
  const { delegationChain } = await import("@/lib/audit/delegation-chain");
  const { exportAuditEvents } = await import("@/lib/audit/export-events");
  const { ZListAuditEventsQuery } = await import("@/lib/audit/schemas");
  const { seedUser } = await import("@/lib/seed/factories");
  const auditor = await seedUser({ role: "auditor" });
  const list = (filter: Record<string, unknown>) => listAuditEvents({ actor: auditor.actor, query: ZListAuditEventsQuery.parse({ limit: 50, ...filter }) });
  const day = 86_400_000;
  const agent = `agt_bench${Math.floor(AGENTS / 3)}`;
  // a cursor 20 pages deep into one agent's events
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) cursor = (await list({ agent, ...(cursor ? { cursor } : {}) })).nextCursor ?? cursor;
  const toolCall = (await list({ agent, action: "mcp.tool_call", limit: 1 })).items[0]!;
  const cases: [string, () => Promise<unknown>][] = [
    ["newest page, no filter", () => list({})],
    ["agent", () => list({ agent })],
    ["agent + tool", () => list({ agent, tool: "tool_3" })],
    ["agent, page 21 (cursor)", () => list({ agent, cursor })],
    ["server + denied", () => list({ server: "srv_bench17", outcome: "denied" })],
    ["denied decisions (action + outcome)", () => list({ action: "mcp.decision", outcome: "denied" })],
    ["class token", () => list({ class: "token" })],
    ["scope (one of a token's three)", () => list({ scope: "mcp:srv-17:tool_4" })],
    ["tier irreversible", () => list({ tier: "irreversible" })],
    ["gateway", () => list({ gateway: "gwy_bench3" })],
    ["token jti", () => list({ jti: toolCall.facets.jti! })],
    ["identity in any role", () => list({ identity: "srv_bench17" })],
    ["free text, rare word", () => list({ q: "quarantine" })],
    ["last 24 hours", () => list({ since: new Date(Date.now() - day).toISOString() })],
    ["a day 3 weeks ago + agent", () => list({ agent, since: new Date(Date.now() - 22 * day).toISOString(), until: new Date(Date.now() - 21 * day).toISOString() })],
    ["delegation chain of a tool call", () => delegationChain({ actor: auditor.actor, eventId: toolCall.id })],
  ];
  console.log(`\n  ${provider}, ${count.toLocaleString("en")} events: time per query over ${RUNS} runs (ms)`);
  console.log(`  ${"query".padEnd(40)} ${"p50".padStart(8)} ${"p95".padStart(8)}`);
  let worst = 0;
  for (const [label, fn] of cases) {
    const result = await time(fn);
    worst = Math.max(worst, result.p95);
    console.log(`  ${label.padEnd(40)} ${result.p50.toFixed(1).padStart(8)} ${result.p95.toFixed(1).padStart(8)}`);
  }
  // the export: one server's events (every row read, formatted and streamed)
  const started = performance.now();
  const stream = await exportAuditEvents({ actor: auditor.actor, filter: { server: "srv_bench17" }, format: "csv" });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  export CSV of one server: ${(lines - 1).toLocaleString("en")} events, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s (${Math.round((lines - 1) / seconds).toLocaleString("en")} events/s), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  console.log(`  worst p95: ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms) → ${worst < TARGET_MS ? "PASS" : "FAIL"}`);
  return worst;
}

/** PostgreSQL's plans for the key filters, as the explorer issues them (index names show which index serves each). */
async function explain(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries: [string, string][] = [
      ["agent + tool", `SELECT seq FROM "AuditEvent" WHERE "agentId" = 'agt_bench666' AND "tool" = 'tool_3' ORDER BY seq DESC LIMIT 51`],
      ["scope", `SELECT seq FROM "AuditEvent" WHERE seq IN (SELECT seq FROM "AuditEventScope" WHERE scope = 'mcp:srv-17:tool_4') ORDER BY seq DESC LIMIT 51`],
      ["identity in any role", `SELECT seq FROM "AuditEvent" WHERE ("actorId" = 'srv_bench17' OR "targetId" = 'srv_bench17' OR "agentId" = 'srv_bench17' OR "serverId" = 'srv_bench17' OR "resourceId" = 'srv_bench17' OR "gatewayId" = 'srv_bench17') ORDER BY seq DESC LIMIT 51`],
      ["free text", `SELECT seq FROM "AuditEvent" WHERE "search" LIKE '%quarantine%' ORDER BY seq DESC LIMIT 51`],
    ];
    for (const [label, sql] of queries) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${sql}`);
      const lines = plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]!);
      console.log(`\n  plan: ${label}\n${lines.filter((line) => /Scan|Execution|Sort|Bitmap|Limit/.test(line)).map((line) => `    ${line.trim()}`).join("\n")}`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  console.log(`Audit explorer benchmark, node ${process.version}, ${os.cpus().length} CPUs`);
  let failed = false;
  for (const provider of ["sqlite", "postgresql"] as const) {
    if (values.only && values.only !== provider) continue;
    const count = Number(provider === "sqlite" ? values.sqlite : values.postgres);
    await withScratchTarget(provider, "audit", { keep: values.keep }, async ({ target, pointHere }) => {
      console.log(`\n${provider}: generating ${count.toLocaleString("en")} events`);
      const started = Date.now();
      if (target.provider === "sqlite") generateSqlite(target.file, count, console.log);
      else await generatePostgres(target.url, count, console.log);
      console.log(`  generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      pointHere();
      if ((await measure(provider, count)) >= TARGET_MS) failed = true;
      if (target.provider === "postgresql") await explain(target.url);
    });
  }
  process.exit(failed ? 1 : 0);
}

await main();
