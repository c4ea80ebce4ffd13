// The data of `npm run bench -- policy`, on the database the environment
// points at (a fresh SQLite file or a throwaway PostgreSQL database):
// - bulk, with raw multi-row inserts (no audit events, no revision bumps — the
//   same rows the domain functions write, far faster): N servers × T tools
//   (approved, tiers read/write/irreversible, one tool per server left
//   unclassified), A agents (1 % suspended, 0.4 % revoked), G grants (each of
//   S tools of one server; a fifth expire, about 1 % revoked);
// - through the domain functions, as an admin would: owners, a gateway that
//   fronts all servers, a fleet of gateways that front one server (the "fleet
//   server"), each with its own registered ES256 key (staging gateways:
//   production ones must prove possession of their keys), and an admin API token.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { sqliteTimestamp } from "@/lib/audit/append-sqlite";
import { resolveDbTarget } from "@/lib/db/target";
import { newId } from "@/lib/ids";
import { identitySearchText } from "@/lib/identities/present";
import { BenchError, type Gateway } from "@/scripts/bench/policy/common";
import { createAgentKey } from "@/scripts/bench/token/prepare";

export type Sizes = { servers: number; tools: number; agents: number; grants: number; scopesPerGrant: number };

export type Seeded = {
  sizes: Sizes;
  seconds: number;
  rows: number;
  /** grants that are not revoked (what a bundle of every server lists) */
  liveGrants: number;
  /** the first server: the fleet gateways front it */
  fleetServerId: string;
  /** grants on the fleet server, not revoked: the benchmark revokes these */
  fleetServerGrantIds: string[];
};

type Row = unknown[];
type Table = { name: string; columns: string[]; rows: Row[] };

const TIERS = ["read", "write", "irreversible"] as const;
const ENVIRONMENTS = ["production", "staging", "development"] as const;

function build(sizes: Sizes, ownerIds: string[]): { tables: Table[]; seeded: Omit<Seeded, "seconds" | "rows" | "sizes"> } {
  if (sizes.scopesPerGrant > sizes.tools) throw new BenchError("--scopes-per-grant cannot exceed --tools");
  if (sizes.grants > sizes.agents * sizes.servers) throw new BenchError("more grants than agent × server pairs");
  const now = new Date();
  const expires = new Date(now.getTime() + 90 * 24 * 3600 * 1000);
  const identities: Table = {
    name: "Identity",
    columns: ["id", "kind", "slug", "name", "environment", "status", "ownerId", "createdAt", "updatedAt", "approvedAt", "statusChangedAt", "searchText", "resourceUri", "transport", "clientId", "tokenBinding"],
    rows: [],
  };
  const tools: Table = {
    name: "Tool",
    columns: ["id", "serverId", "name", "description", "inputSchema", "inputSchemaHash", "proposedTier", "tier", "status", "scope", "approvedAt", "createdAt", "updatedAt"],
    rows: [],
  };
  const grants: Table = { name: "Grant", columns: ["id", "agentId", "serverId", "justification", "expiresAt", "createdAt", "revokedAt", "revokedReason"], rows: [] };
  const grantTools: Table = { name: "GrantTool", columns: ["grantId", "toolId", "scope"], rows: [] };

  const servers: { id: string; tools: { id: string; scope: string }[] }[] = [];
  for (let i = 0; i < sizes.servers; i += 1) {
    const id = newId("server");
    const slug = `bench-server-${i}`;
    const name = `Bench server ${i}`;
    const resourceUri = `https://mcp-${i}.bench.example/mcp`;
    const status = i > 0 && i % 100 === 50 ? "suspended" : "active";
    identities.rows.push([id, "server", slug, name, ENVIRONMENTS[i % 3], status, ownerIds[i % ownerIds.length], now, now, now, now, identitySearchText({ id, name, slug, resourceUri }), resourceUri, "streamable_http", null, "dpop"]);
    const serverTools: { id: string; scope: string }[] = [];
    for (let t = 0; t < sizes.tools; t += 1) {
      const toolId = newId("tool");
      const toolName = `tool_${String(t).padStart(2, "0")}`;
      const scope = `mcp:${slug}:${toolName}`;
      const tier = TIERS[t % 3]!;
      // the last tool of each server is new and not yet reviewed
      const approved = t < sizes.tools - 1;
      tools.rows.push([toolId, id, toolName, `Benchmark tool ${t} of server ${i}`, { type: "object" }, `hash-${t}`, tier, approved ? tier : null, approved ? "approved" : "unclassified", scope, approved ? now : null, now, now]);
      serverTools.push({ id: toolId, scope });
    }
    servers.push({ id, tools: serverTools });
  }

  const agents: string[] = [];
  for (let i = 0; i < sizes.agents; i += 1) {
    const id = newId("agent");
    const slug = `bench-agent-${i}`;
    const name = `Bench agent ${i}`;
    const clientId = newId("client");
    const status = i % 250 === 11 ? "revoked" : i % 100 === 37 ? "suspended" : "active";
    identities.rows.push([id, "agent", slug, name, ENVIRONMENTS[i % 3], status, ownerIds[i % ownerIds.length], now, now, now, now, identitySearchText({ id, name, slug, clientId }), null, null, clientId, i % 4 !== 0 ? "dpop" : "bearer"]);
    agents.push(id);
  }

  // grants per agent spread over distinct servers: agent a's k-th grant is on server (7a + 101k) mod N
  const fleetServerGrantIds: string[] = [];
  let liveGrants = 0;
  for (let g = 0; g < sizes.grants; g += 1) {
    const a = g % sizes.agents;
    const k = Math.floor(g / sizes.agents);
    const serverIndex = (7 * a + 101 * k) % sizes.servers;
    const server = servers[serverIndex]!;
    const id = newId("grant");
    const revoked = g % 97 === 5;
    grants.rows.push([id, agents[a], server.id, `Benchmark grant ${g}`, g % 5 === 0 ? expires : null, now, revoked ? now : null, revoked ? "benchmark data" : null]);
    for (let s = 0; s < sizes.scopesPerGrant; s += 1) {
      const tool = server.tools[(a + k + s * Math.max(1, Math.floor(sizes.tools / sizes.scopesPerGrant))) % sizes.tools]!;
      grantTools.rows.push([id, tool.id, tool.scope]);
    }
    if (!revoked) liveGrants += 1;
    if (serverIndex === 0 && !revoked) fleetServerGrantIds.push(id);
  }
  // a server's tools by (server, tool) may repeat in one grant only if the stride wraps; keep the first
  const seen = new Set<string>();
  grantTools.rows = grantTools.rows.filter((row) => {
    const key = `${row[0] as string}|${row[1] as string}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { tables: [identities, tools, grants, grantTools], seeded: { liveGrants, fleetServerId: servers[0]!.id, fleetServerGrantIds } };
}

/** Values as Prisma stores them: on SQLite dates as ISO text with +00:00, booleans as 0/1, JSON as text. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function pgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function insertSqlite(file: string, tables: Table[]): void {
  const database = new Database(file);
  try {
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    const run = database.transaction(() => {
      for (const table of tables) {
        const statement = database.prepare(`INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(", ")}) VALUES (${table.columns.map(() => "?").join(", ")})`);
        for (const row of table.rows) statement.run(...row.map(sqliteValue));
      }
    });
    run();
  } finally {
    database.close();
  }
}

async function insertPostgres(url: string, tables: Table[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const table of tables) {
      // multi-row VALUES; PostgreSQL coerces the untyped parameters to the columns' types (enums, timestamps, jsonb)
      const perStatement = Math.min(5000, Math.floor(60_000 / table.columns.length));
      for (let offset = 0; offset < table.rows.length; offset += perStatement) {
        const chunk = table.rows.slice(offset, offset + perStatement);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => `(${row.map((value) => `$${params.push(pgValue(value))}`).join(", ")})`);
        await client.query(`INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, params);
      }
    }
    await client.query("COMMIT");
    // the planner statistics autovacuum would gather shortly after a bulk load
    for (const table of tables) await client.query(`ANALYZE "${table.name}"`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Bulk data on the database of the current environment (migrated already). */
export async function seedBulk(sizes: Sizes): Promise<Seeded> {
  const { seedUser } = await import("@/lib/seed/factories");
  const owners: string[] = [];
  // each seeded user hashes a password (deliberately slow), so few owners
  for (let i = 0; i < 3; i += 1) owners.push((await seedUser({ role: "owner" })).id);
  const started = performance.now();
  const { tables, seeded } = build(sizes, owners);
  const target = resolveDbTarget();
  if (target.provider === "sqlite") {
    if (!fs.existsSync(target.file)) throw new BenchError(`no database at ${target.file}`);
    insertSqlite(target.file, tables);
  } else {
    await insertPostgres(target.url, tables);
  }
  const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);
  return { ...seeded, sizes, rows, seconds: (performance.now() - started) / 1000 };
}

export type Fleet = { allGateway: Gateway; gateways: Gateway[]; apiToken: string };

/** Gateways (each with its own ES256 key) and an admin API token, through the domain functions. */
export async function setUpFleet(options: { fleetServerId: string; gateways: number }): Promise<Fleet> {
  const { seedApiToken, seedIdentity, seedUser } = await import("@/lib/seed/factories");
  const { addKeys } = await import("@/lib/identities/keys/add-keys");
  const admin = await seedUser({ role: "admin", email: "policy-bench-admin@example.test", name: "Policy Bench Admin" });
  const register = async (name: string, extra: Record<string, unknown>): Promise<Gateway> => {
    const key = await createAgentKey();
    const gateway = await seedIdentity({ kind: "gateway", owner: admin, name, environment: "staging", extra });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } });
    return { id: gateway.id, key };
  };
  const allGateway = await register("Bench gateway (all servers)", { frontsAllServers: true });
  const gateways: Gateway[] = [];
  for (let i = 0; i < options.gateways; i += 1) gateways.push(await register(`Bench gateway ${i}`, { serverIds: [options.fleetServerId] }));
  const { secret } = await seedApiToken({ role: "admin", name: "policy-bench" });
  return { allGateway, gateways, apiToken: secret };
}
