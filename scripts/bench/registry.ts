// Registry list performance with 10,000 identities (issue "NHI registry": list
// pages and APIs answer within 300 ms of server time). Seeds a fresh SQLite
// database and a throwaway PostgreSQL database, then times the real route
// handlers (authentication, validation, query, response schema) for typical
// inventory queries. Usage: npm run bench -- registry [--count 10000] [--runs 30]
import os from "node:os";
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { withScratchTarget } from "@/scripts/bench/scratch-target";
import { newId } from "@/lib/ids";
import { identitySearchText } from "@/lib/identities/present";

const { values } = parseArgs({ args: process.argv.slice(3), options: { count: { type: "string", default: "10000" }, runs: { type: "string", default: "30" }, only: { type: "string" } } });
const COUNT = Number(values.count);
const RUNS = Number(values.runs);
const KINDS = ["server", "agent", "resource", "gateway"] as const;
const STATUSES = ["active", "active", "active", "pending", "suspended", "revoked"] as const;
const ENVS = ["production", "staging", "development"] as const;
const WORDS = ["billing", "search", "weather", "crm", "github", "jira", "slack", "payments", "ledger", "docs", "calendar", "mail"];

async function seed(count: number): Promise<{ adminToken: string; ownerToken: string; ownerId: string; sampleId: string }> {
  const { seedApiToken, seedUser } = await import("@/lib/seed/factories");
  const admin = await seedUser({ role: "admin" });
  const owners = [await seedUser({ role: "owner" })];
  for (let i = 0; i < 49; i += 1) owners.push(await seedUser({ role: "owner" }));
  // a few deactivated owners, so there are orphans to find
  for (const owner of owners.slice(45)) await db().user.update({ where: { id: owner.id }, data: { active: false } });
  const started = Date.now();
  const BATCH = 1000;
  let sampleId = "";
  for (let offset = 0; offset < count; offset += BATCH) {
    const rows = [];
    const tags = [];
    for (let i = offset; i < Math.min(offset + BATCH, count); i += 1) {
      const kind = KINDS[i % KINDS.length]!;
      const id = newId(kind);
      const name = `${WORDS[i % WORDS.length]} ${kind} ${i}`;
      const slug = `${kind}-${i}`;
      const resourceUri = kind === "server" ? `https://mcp-${i}.bench.example/mcp` : kind === "resource" ? `https://api-${i}.bench.example` : null;
      const clientId = kind === "agent" ? newId("client") : null;
      rows.push({
        id,
        kind,
        slug,
        name,
        environment: ENVS[i % ENVS.length]!,
        status: STATUSES[i % STATUSES.length]!,
        ownerId: owners[i % owners.length]!.id,
        resourceUri,
        clientId,
        transport: kind === "server" ? ("streamable_http" as const) : null,
        searchText: identitySearchText({ id, name, slug, resourceUri, clientId }),
      });
      if (i % 3 === 0) tags.push({ identityId: id, tag: WORDS[i % WORDS.length]! });
      if (i === Math.floor(count / 2)) sampleId = id;
    }
    await db().identity.createMany({ data: rows });
    await db().identityTag.createMany({ data: tags });
  }
  console.log(`  seeded ${count} identities in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const adminToken = (await seedApiToken({ role: "admin", user: admin })).secret;
  const ownerToken = (await seedApiToken({ role: "owner", user: owners[0]! })).secret;
  return { adminToken, ownerToken, ownerId: owners[0]!.id, sampleId };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, fn: () => Promise<Response>): Promise<{ label: string; p50: number; p95: number; max: number }> {
  const warm = await fn();
  if (warm.status !== 200) throw new Error(`${label}: HTTP ${warm.status} ${await warm.text()}`);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const response = await fn();
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1]! };
}

async function measure(provider: string, tokens: Awaited<ReturnType<typeof seed>>) {
  const { GET: listServers } = await import("@/app/api/v1/servers/route");
  const { GET: listAgents } = await import("@/app/api/v1/agents/route");
  const { GET: listIdentities } = await import("@/app/api/v1/identities/route");
  const { GET: getAgent } = await import("@/app/api/v1/agents/[id]/route");
  const { GET: getServer } = await import("@/app/api/v1/servers/[id]/route");
  const call = (handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>, url: string, token: string, params: Record<string, string> = {}) =>
    handler(new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });

  // a cursor deep into the list (page 60 of 100)
  let cursor: string | null = null;
  for (let page = 0; page < 60; page += 1) {
    const response = await call(listAgents, `/api/v1/agents?limit=25&sort=name${cursor ? `&cursor=${cursor}` : ""}`, tokens.adminToken);
    cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
  }
  const sample = await db().identity.findFirstOrThrow({ where: { kind: "server" }, orderBy: { id: "desc" } });
  const cases: [string, () => Promise<Response>][] = [
    ["servers, first page (newest)", () => call(listServers, "/api/v1/servers?limit=25", tokens.adminToken)],
    ["agents, sorted by name", () => call(listAgents, "/api/v1/agents?limit=25&sort=name", tokens.adminToken)],
    ["agents, page 61 by name (cursor)", () => call(listAgents, `/api/v1/agents?limit=25&sort=name&cursor=${cursor}`, tokens.adminToken)],
    ["servers, search 'billing'", () => call(listServers, "/api/v1/servers?limit=25&q=billing", tokens.adminToken)],
    ["agents, status=suspended + environment", () => call(listAgents, "/api/v1/agents?limit=25&status=suspended&environment=production", tokens.adminToken)],
    ["all kinds, orphaned only", () => call(listIdentities, "/api/v1/identities?limit=25&orphaned=true", tokens.adminToken)],
    ["all kinds, mine (owner token)", () => call(listIdentities, "/api/v1/identities?limit=25&mine=true", tokens.ownerToken)],
    ["all kinds, tag=payments", () => call(listIdentities, "/api/v1/identities?limit=25&tag=payments", tokens.adminToken)],
    ["all kinds, 100 per page", () => call(listIdentities, "/api/v1/identities?limit=100", tokens.adminToken)],
    ["one server (detail)", () => call(getServer, `/api/v1/servers/${sample.id}`, tokens.adminToken, { id: sample.id })],
    ["one agent (detail)", () => call(getAgent, `/api/v1/agents/${tokens.sampleId}`, tokens.adminToken, { id: tokens.sampleId })],
  ];
  const results = [];
  for (const [label, fn] of cases) {
    if (label.startsWith("one agent") && !tokens.sampleId.startsWith("agt_")) continue;
    results.push(await time(label, fn));
  }
  console.log(`\n  ${provider}: server time per request over ${RUNS} runs (ms)`);
  console.log(`  ${"query".padEnd(42)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}`);
  for (const result of results) {
    console.log(`  ${result.label.padEnd(42)} ${result.p50.toFixed(1).padStart(7)} ${result.p95.toFixed(1).padStart(7)} ${result.max.toFixed(1).padStart(7)}`);
  }
  const worst = Math.max(...results.map((result) => result.p95));
  console.log(`  worst p95: ${worst.toFixed(1)} ms (target < 300 ms) → ${worst < 300 ? "PASS" : "FAIL"}`);
  return worst;
}

async function main(): Promise<void> {
  console.log(`Registry benchmark: ${COUNT} identities, ${RUNS} timed runs per query, node ${process.version}, ${os.cpus().length} CPUs`);
  let failed = false;
  for (const provider of ["sqlite", "postgresql"] as const) {
    if (values.only && values.only !== provider) continue;
    await withScratchTarget(provider, "registry", {}, async ({ pointHere }) => {
      pointHere();
      console.log(`\n${provider}:`);
      const tokens = await seed(COUNT);
      if ((await measure(provider, tokens)) >= 300) failed = true;
    });
  }
  process.exit(failed ? 1 : 0);
}

await main();
