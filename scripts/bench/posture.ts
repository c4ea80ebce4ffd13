// Posture dashboard (issue "Audit explorer, delegation chains and the posture
// dashboard"): how long one dashboard request takes at the policy benchmark's
// registry size plus a synthetic audit log, on SQLite and on PostgreSQL.
//  - registry: N servers × T tools, A agents, G grants × S scopes (the policy
//    benchmark's bulk seed), then grant ages and last uses spread over the
//    past 200 days so the "unused for 30/90 days" cards count something;
//  - audit: --sqlite-events / --postgres-events synthetic events (the audit
//    benchmark's generator) over the last 30 days;
//  - measured in this process through getPosture, as the /dashboard page and
//    GET /api/v1/posture call it: the first estate request (counts the past
//    days), then --runs estate requests, the mine view of an owner of a third
//    of the registry, and each card alone (which card costs what).
// Usage: npm run bench -- posture [--only sqlite|postgresql] [--servers 1000] [--tools 20]
//   [--agents 10000] [--grants 100000] [--scopes-per-grant 5] [--sqlite-events 1000000]
//   [--postgres-events 1000000] [--runs 7] [--keep]
import os from "node:os";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteTimestamp } from "@/lib/audit/append-sqlite";
import type { Actor } from "@/lib/auth/actor";
import { userActor } from "@/lib/auth/user-actor";
import { db } from "@/lib/db/client";
import { withScratchTarget } from "@/scripts/bench/scratch-target";
import type { DbTarget } from "@/lib/db/target";
import { generatePostgres, generateSqlite } from "@/scripts/bench/audit/generate";
import { fmt, percentile } from "@/scripts/bench/policy/common";
import { seedBulk } from "@/scripts/bench/policy/seed";

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    only: { type: "string" },
    servers: { type: "string", default: "1000" },
    tools: { type: "string", default: "20" },
    agents: { type: "string", default: "10000" },
    grants: { type: "string", default: "100000" },
    "scopes-per-grant": { type: "string", default: "5" },
    "sqlite-events": { type: "string", default: "1000000" },
    "postgres-events": { type: "string", default: "1000000" },
    runs: { type: "string", default: "7" },
    keep: { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const DAY_MS = 86_400_000;
/** the target for a later (not first) estate request, as for the audit explorer's queries */
const TARGET_MS = 500;

/**
 * Ages: a sixth of the grants each at 0, 20, 45, 100, 150 and 200 days old;
 * last use: a quarter of the grant scopes each never, 5, 40 and 120 days ago.
 * Buckets by the code points of the ids' last characters, the same on both databases.
 */
async function spreadDates(target: DbTarget, now: Date): Promise<void> {
  const ages = [0, 20, 45, 100, 150, 200];
  const uses = [null, 5, 40, 120];
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS);
  if (target.provider === "sqlite") {
    const database = new Database(target.file);
    try {
      database.transaction(() => {
        ages.forEach((days, k) => database.prepare(`UPDATE "Grant" SET "createdAt" = ? WHERE unicode(substr("id", -1)) % 6 = ?`).run(sqliteTimestamp(at(days)), k));
        uses.forEach((days, k) => database.prepare(`UPDATE "GrantTool" SET "lastUsedAt" = ? WHERE (unicode(substr("grantId", -1)) + unicode(substr("toolId", -1))) % 4 = ?`).run(days === null ? null : sqliteTimestamp(at(days)), k));
      })();
    } finally {
      database.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const [k, days] of ages.entries()) await client.query(`UPDATE "Grant" SET "createdAt" = $1 WHERE ascii(right("id", 1)) % 6 = $2`, [at(days).toISOString(), k]);
    for (const [k, days] of uses.entries()) await client.query(`UPDATE "GrantTool" SET "lastUsedAt" = $1 WHERE (ascii(right("grantId", 1)) + ascii(right("toolId", 1))) % 4 = $2`, [days === null ? null : at(days).toISOString(), k]);
    await client.query(`VACUUM ANALYZE "Grant"`);
    await client.query(`VACUUM ANALYZE "GrantTool"`);
  } finally {
    await client.end();
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

const summary = (ms: number[]) => `median ${fmt(percentile(ms, 50))} ms, max ${fmt(Math.max(...ms))} ms`;

async function measure(provider: string): Promise<number> {
  const { seedUser } = await import("@/lib/seed/factories");
  const { getPosture } = await import("@/lib/posture/get-posture");
  const { evaluateCard, visibleCards } = await import("@/lib/posture/evaluate-card");
  const { postureScope } = await import("@/lib/posture/scope");
  const { countActivity } = await import("@/lib/posture/trends");
  const admin = (await seedUser({ role: "admin" })).actor;
  const server = await db().identity.findFirstOrThrow({ where: { kind: "server" }, select: { owner: { select: { id: true, email: true, name: true, role: true } } } });
  const owner: Actor = userActor({ ...server.owner!, mustChangePassword: false });

  const first = await timed(() => getPosture({ actor: admin }));
  const cards = first.value.groups.flatMap((group) => group.cards);
  console.log(`  estate, first request (counts the past days): ${fmt(first.ms)} ms; ${cards.map((card) => `${card.id} ${card.value}${card.total === null ? "" : `/${card.total}`}`).join(", ")}`);
  const estate: number[] = [];
  for (let i = 0; i < RUNS; i += 1) estate.push((await timed(() => getPosture({ actor: admin }))).ms);
  console.log(`  estate, later requests: ${summary(estate)} (${RUNS} runs)`);
  // the estate's grant-scope tallies are kept between requests on SQLite (lib/posture/grant-scope-cache.ts):
  // what a request costs after enforcement points reported calls (the kept rows topped up) and after a change (read again)
  const { ingestEnforcementEvents } = await import("@/lib/policy/events/ingest-events");
  const { revokeGrant } = await import("@/lib/grants/revoke-grant");
  const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
  const used = await db().grantTool.findMany({ where: { revokedAt: null, grant: { revokedAt: null, agent: { status: "active" }, server: { status: "active" } } }, take: 50, select: { scope: true, grant: { select: { agentId: true, serverId: true } } } });
  const afterCalls: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const at = new Date();
    const byServer = new Map<string, typeof used>();
    for (const row of used) byServer.set(row.grant.serverId, [...(byServer.get(row.grant.serverId) ?? []), row]);
    for (const [serverId, rows] of byServer) {
      const events = rows.map((row, k) => ({ type: "decision" as const, id: `bench-${i}-${serverId}-${k}`, at: at.toISOString(), serverId, agentId: row.grant.agentId, clientId: null, method: "tools/call", tool: row.scope.split(":").at(-1) ?? "tool", scope: row.scope, tokenJti: null, act: [], policyRevision: null, decision: "allow" as const, status: null, error: null, reason: null, latencyMs: 1 }));
      const result = await ingestEnforcementEvents(serverId, events, at);
      if (!result.ok) throw new Error(`ingesting the benchmark's calls failed: ${result.message}`);
    }
    afterCalls.push((await timed(() => getPosture({ actor: admin }))).ms);
  }
  console.log(`  estate after ${used.length} reported calls each: ${summary(afterCalls)} (${RUNS} runs)`);
  const revocable = await db().grant.findMany({ where: { revokedAt: null }, take: 3, select: { id: true } });
  const afterChange: number[] = [];
  for (const grant of revocable) {
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: grant.id, input: { reason: "posture benchmark: a change" } });
    afterChange.push((await timed(() => getPosture({ actor: admin }))).ms);
  }
  console.log(`  estate after a change that moves the policy revision (a grant revoked): ${summary(afterChange)} (${afterChange.length} runs)`);
  const mine: number[] = [];
  for (let i = 0; i < RUNS; i += 1) mine.push((await timed(() => getPosture({ actor: owner, query: { view: "mine" } }))).ms);
  console.log(`  mine (an owner of a third of the registry): ${summary(mine)}`);

  const scope = await postureScope(admin, "estate", new Date());
  const perCard: string[] = [];
  for (const spec of visibleCards(scope)) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i += 1) runs.push((await timed(() => evaluateCard(spec, { ...scope, memo: new Map() }))).ms);
    perCard.push(`${spec.id} ${fmt(percentile(runs, 50))}`);
  }
  const activity: number[] = [];
  for (let i = 0; i < 3; i += 1) activity.push((await timed(() => countActivity(new Date()))).ms);
  console.log(`  each card alone (median of 3, ms): ${perCard.join(", ")}; audit activity (today + cached days) ${fmt(percentile(activity, 50))}`);
  const worst = percentile(estate, 50);
  console.log(`  ${provider}: estate median ${fmt(worst)} ms (target < ${TARGET_MS} ms) → ${worst < TARGET_MS ? "PASS" : "FAIL"}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);
  return worst;
}

async function main(): Promise<void> {
  const sizes = { servers: Number(values.servers), tools: Number(values.tools), agents: Number(values.agents), grants: Number(values.grants), scopesPerGrant: Number(values["scopes-per-grant"]) };
  console.log(`Posture dashboard benchmark, node ${process.version}, ${os.cpus().length} CPUs; ${JSON.stringify(sizes)}`);
  let failed = false;
  for (const provider of ["sqlite", "postgresql"] as const) {
    if (values.only && values.only !== provider) continue;
    const events = Number(provider === "sqlite" ? values["sqlite-events"] : values["postgres-events"]);
    await withScratchTarget(provider, "posture", { keep: values.keep }, async ({ target, pointHere }) => {
      console.log(`\n${provider}: generating ${events.toLocaleString("en")} audit events`);
      if (target.provider === "sqlite") generateSqlite(target.file, events, () => {});
      else await generatePostgres(target.url, events, () => {});
      pointHere();
      const seeded = await seedBulk(sizes);
      await spreadDates(target, new Date());
      console.log(`  seeded ${seeded.rows.toLocaleString("en")} registry rows in ${seeded.seconds.toFixed(0)} s`);
      if ((await measure(provider)) >= TARGET_MS) failed = true;
    });
  }
  process.exit(failed ? 1 : 0);
}

await main();
