// Synthetic audit events for the explorer benchmark, generated inside the
// database (a recursive CTE on SQLite, generate_series on PostgreSQL) so ten
// million rows take minutes, not hours. The mix follows what a busy estate
// records: mostly gateway decisions and tool calls, then token issuance,
// exchanges and refusals, and a little administration. The hash chain is not
// valid (the benchmark measures queries, not verification).
//
// Cardinalities: AGENTS agents, SERVERS servers with TOOLS tools each, GATEWAYS
// gateways; one token per 4 events, whose jti the following calls carry.
import Database from "better-sqlite3";
import pg from "pg";

// primes, so that no agent, server, tool or gateway sees only one kind of event
export const AGENTS = 1999;
export const SERVERS = 199;
export const TOOLS = 17;
export const GATEWAYS = 19;
export const DAYS = 30;

/** A token's n-th extra scope: another tool of the same server. */
const extraScope = (n: number) => `'mcp:srv-' || (((x / 4) * 31) % ${SERVERS}) || ':tool_' || (((x / 20 + x) + ${n}) % ${TOOLS})`;

/** The scope index rows (AuditEventScope) of the events: one per scope each names. */
function scopeInserts(source: string): string[] {
  const kind = "(x % 20)";
  const first = `'mcp:srv-' || (((x / 4) * 31) % ${SERVERS}) || ':tool_' || ((x / 20 + x) % ${TOOLS})`;
  return [
    `INSERT INTO "AuditEventScope" ("scope", "seq") SELECT ${first}, x FROM ${source} WHERE ${kind} < 19`,
    `INSERT INTO "AuditEventScope" ("scope", "seq") SELECT ${extraScope(1)}, x FROM ${source} WHERE ${kind} BETWEEN 15 AND 18`,
    `INSERT INTO "AuditEventScope" ("scope", "seq") SELECT ${extraScope(2)}, x FROM ${source} WHERE ${kind} BETWEEN 15 AND 18`,
  ];
}

/** Column expressions over x (1…N), written once for both dialects (only concatenation and integer maths). */
function columns(time: string): Record<string, string> {
  const kind = "(x % 20)";
  // one token per 4 events: its agent and server stay the same for the events that carry it
  const agent = `'agt_bench' || (((x / 4) * 7919) % ${AGENTS})`;
  const server = `'srv_bench' || (((x / 4) * 31) % ${SERVERS})`;
  const serverSlug = `'mcp:srv-' || (((x / 4) * 31) % ${SERVERS})`;
  const toolNo = `((x / 20 + x) % ${TOOLS})`;
  const tool = `'tool_' || ${toolNo}`;
  const scope = `${serverSlug} || ':tool_' || ${toolNo}`;
  const tier = `CASE WHEN ${toolNo} = 0 THEN 'irreversible' WHEN ${toolNo} < 6 THEN 'write' ELSE 'read' END`;
  const jti = `'at_bench' || (x / 4)`;
  // 0–11 decisions (one in six denied), 12–14 tool calls, 15–16 token.issued, 17 exchanged, 18 refused, 19 administration
  return {
    seq: "x",
    id: `'evt_bench' || x`,
    occurredAt: time,
    actorType: `CASE WHEN ${kind} = 19 THEN 'user' ELSE 'identity' END`,
    actorId: `CASE WHEN ${kind} < 15 THEN 'gwy_bench' || ((x / 4) % ${GATEWAYS}) WHEN ${kind} = 19 THEN 'usr_bench' || (x % 10) WHEN ${kind} = 17 THEN ${server} ELSE ${agent} END`,
    actorLabel: `CASE WHEN ${kind} < 15 THEN 'gateway ' || ((x / 4) % ${GATEWAYS}) ELSE 'actor ' || (x % 500) END`,
    action: `CASE WHEN ${kind} < 12 THEN 'mcp.decision' WHEN ${kind} < 15 THEN 'mcp.tool_call' WHEN ${kind} < 17 THEN 'token.issued' WHEN ${kind} = 17 THEN 'token.exchanged' WHEN ${kind} = 18 THEN 'token.refused' ELSE 'grant.created' END`,
    targetType: `'identity'`,
    targetId: server,
    outcome: `CASE WHEN ${kind} < 12 AND x % 6 = 0 THEN 'denied' WHEN ${kind} = 18 THEN 'denied' WHEN ${kind} BETWEEN 12 AND 14 AND x % 50 = 0 THEN 'failure' ELSE 'success' END`,
    requestId: `CASE WHEN ${kind} >= 15 THEN 'req_bench' || x ELSE NULL END`,
    ip: "NULL",
    userAgent: "NULL",
    details: `'{}'`,
    prevHash: `'bench'`,
    hash: `'bench'`,
    facetVersion: "1",
    agentId: `CASE WHEN ${kind} = 19 THEN NULL ELSE ${agent} END`,
    serverId: server,
    resourceId: `CASE WHEN ${kind} = 17 THEN 'res_bench' || (x % 100) ELSE NULL END`,
    gatewayId: `CASE WHEN ${kind} < 15 THEN 'gwy_bench' || ((x / 4) % ${GATEWAYS}) ELSE NULL END`,
    tool: `CASE WHEN ${kind} < 15 THEN ${tool} ELSE NULL END`,
    // tokens carry three scopes, space-separated
    scope: `CASE WHEN ${kind} < 15 THEN ${scope} WHEN ${kind} < 19 THEN ${scope} || ' ' || ${extraScope(1)} || ' ' || ${extraScope(2)} ELSE NULL END`,
    tier: `CASE WHEN ${kind} < 19 THEN ${tier} ELSE NULL END`,
    jti: `CASE WHEN ${kind} < 18 THEN ${jti} ELSE NULL END`,
    parentJti: `CASE WHEN ${kind} = 17 THEN 'at_bench' || (x / 4 - 1) ELSE NULL END`,
    // one event in 100,000 carries a rare word, for the free-text search
    search: `CASE WHEN x % 100000 = 7 THEN 'quarantine breach ' ELSE '' END || 'gateway ' || ((x / 4) % ${GATEWAYS}) || ' mcp.decision insufficient_scope'`,
  };
}

const insertSql = (source: string, time: string) => {
  const cols = columns(time);
  return `INSERT INTO "AuditEvent" (${Object.keys(cols).map((name) => `"${name}"`).join(", ")}) SELECT ${Object.values(cols).join(", ")} FROM ${source}`;
};

const CHUNK = 500_000;

export function generateSqlite(file: string, count: number, log: (line: string) => void): void {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = OFF");
  const start = Math.floor(Date.now() / 1000) - DAYS * 86_400;
  const step = (DAYS * 86_400) / count;
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    const time = `strftime('%Y-%m-%dT%H:%M:%f+00:00', ${start} + x * ${step}, 'unixepoch')`;
    const cte = `WITH RECURSIVE g(x) AS (SELECT ${from} UNION ALL SELECT x + 1 FROM g WHERE x < ${to})`;
    database.exec(`${cte} ${insertSql("g", time)}`);
    for (const sql of scopeInserts("g")) database.exec(`${cte} ${sql}`);
    log(`  ${to.toLocaleString("en")} events`);
  }
  database.prepare(`UPDATE "AuditHead" SET "seq" = ?, "hash" = 'bench' WHERE "id" = 1`).run(count);
  database.exec("ANALYZE");
  database.close();
}

export async function generatePostgres(url: string, count: number, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // loading ten million rows into fifteen indexes one row at a time takes most of an hour; dropping the
    // secondary indexes and constraints and building them afterwards takes minutes (what a bulk load does)
    const indexes = (await client.query(`SELECT indexdef FROM pg_indexes WHERE tablename IN ('AuditEvent', 'AuditEventScope') AND indexname NOT LIKE '%_pkey'`)).rows.map((row: { indexdef: string }) => row.indexdef);
    const constraints = (
      await client.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '"AuditEventScope"'::regclass ORDER BY contype = 'p' DESC`)
    ).rows as { conname: string; def: string }[];
    for (const constraint of [...constraints].reverse()) await client.query(`ALTER TABLE "AuditEventScope" DROP CONSTRAINT "${constraint.conname}"`);
    for (const definition of indexes) await client.query(`DROP INDEX ${/INDEX (\S+) ON/.exec(definition)![1]}`);
    const start = Math.floor(Date.now() / 1000) - DAYS * 86_400;
    const step = (DAYS * 86_400) / count;
    for (let from = 1; from <= count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK - 1);
      const source = `generate_series(${from}::bigint, ${to}::bigint) AS g(x)`;
      await client.query(insertSql(source, `to_timestamp(${start} + x * ${step})`));
      for (const sql of scopeInserts(source)) await client.query(sql);
      log(`  ${to.toLocaleString("en")} events`);
    }
    await client.query(`UPDATE "AuditHead" SET "seq" = $1, "hash" = 'bench' WHERE "id" = 1`, [count]);
    log(`  building ${indexes.length} indexes and ${constraints.length} constraints`);
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const definition of indexes) await client.query(definition);
    for (const constraint of constraints) await client.query(`ALTER TABLE "AuditEventScope" ADD CONSTRAINT "${constraint.conname}" ${constraint.def}`);
    await client.query(`VACUUM ANALYZE "AuditEvent"`);
    await client.query(`VACUUM ANALYZE "AuditEventScope"`);
  } finally {
    await client.end();
  }
}
