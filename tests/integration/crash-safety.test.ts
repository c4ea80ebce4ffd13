// Crash safety (docs/reliability.md): concurrent writers — identity
// registrations and grants through the management API with an admin API
// token, token issuance at the OAuth token endpoint with private_key_jwt, and
// decision-event ingestion from a gateway — against a real instance in a child
// process, which is killed with SIGKILL in the middle of the run and restarted
// on the same database. Afterwards every write that was acknowledged with a 2xx
// is there, no write is half-applied (acknowledged or not), and the audit
// chain verifies. A handler that answered before its transaction committed
// would lose the writes the kill caught between the two, and fail this.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { ingestedEventId } from "@/lib/policy/events/ingest-events";
import { seedApiToken } from "@/lib/seed/factories";
import { AGENT_TAGS, emptyAcknowledged, startWriters, WRITE_KINDS, type Acknowledged, type Tally, type WriteKind, type WriterSetup } from "./helpers/crash-writers";
import { exitOf, openIsolatedDatabase, startAppInstance, type IsolatedDatabase } from "./helpers/isolated-instance";
import { keyedGateway, oauthFixture } from "./helpers/oauth";
import type { OAuthInstance } from "./helpers/warden-process";

/** the writers run this long before the first kill, and between restarts and the next kill */
const FIRST_RUN_MS = 3_000;
const LATER_RUN_MS = 1_500;
/** if the awaited acknowledgement does not come, the kill comes anyway after this */
const KILL_ANYWAY_MS = 5_000;
/** loops per kind of write */
const CONCURRENCY = 2;
/** fewer acknowledged writes of a kind than this would make the run prove little */
const MIN_ACKNOWLEDGED = 10;
/** the last run (no kill) goes on at most this long to reach MIN_ACKNOWLEDGED of every kind */
const TOP_UP_MS = 30_000;

let database: IsolatedDatabase;
let setup: WriterSetup;
let instance: OAuthInstance | undefined;

beforeAll(async () => {
  database = await openIsolatedDatabase("https://warden.crash.test");
  const f = await oauthFixture({ dpopRequired: false });
  setup = { f, gateway: await keyedGateway(f), adminToken: (await seedApiToken({ role: "admin" })).secret };
});

afterAll(async () => {
  await instance?.stop();
  await database?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const counts = (acked: Acknowledged) => ({ registrations: acked.agents.length, grants: acked.grants.length, tokens: acked.tokens.length, events: acked.events.length });

type Totals = Record<string, { acknowledged: number; cutOff: number; refused: number }>;
function add(totals: Totals, tallies: Record<string, Tally>): void {
  for (const [name, tally] of Object.entries(tallies)) {
    const total = (totals[name] ??= { acknowledged: 0, cutOff: 0, refused: 0 });
    total.acknowledged += tally.acknowledged;
    total.cutOff += tally.failed;
    total.refused += Object.values(tally.refused).reduce((sum, count) => sum + count, 0);
  }
}

describe("SIGKILLs in the middle of concurrent writes", () => {
  it("lose no acknowledged write, half-apply none, and leave a verifiable audit chain", { timeout: 120_000 }, async () => {
    // rate limits off: a 429 acknowledges nothing, so it would only thin out the run
    const env = database.instanceEnv({ WARDEN_LOG_LEVEL: "warn", WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: "0", WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: "0" });
    const acked = emptyAcknowledged();
    const totals: Totals = {};
    const kills: { after: WriteKind; inFlight: number }[] = [];

    // One run per kind of write, each ended by a SIGKILL sent the moment a write of that kind was
    // acknowledged — the moment a handler that answered before committing would lose it — while the
    // other writers' requests are in flight; then a restart on the same database.
    for (const [index, kind] of WRITE_KINDS.entries()) {
      const current = await startAppInstance(env);
      instance = current;
      let armed = false;
      const kill = () => {
        if (!armed) return;
        armed = false;
        current.child.kill("SIGKILL");
        kills.push({ after: kind, inFlight: writers.stop() });
      };
      const writers = startWriters(current.url, setup, acked, { concurrency: CONCURRENCY, onAcknowledged: (acknowledged) => {
          if (acknowledged === kind) kill();
        },
      });
      await pause(index === 0 ? FIRST_RUN_MS : LATER_RUN_MS);
      armed = true;
      const fallback = setTimeout(kill, KILL_ANYWAY_MS);
      expect(await exitOf(current.child)).toMatchObject({ code: null, signal: "SIGKILL" });
      clearTimeout(fallback);
      add(totals, await writers.done);
    }
    // the instance restarted after the last kill takes writes again, on the recovered chain, and stops gracefully
    const last = await startAppInstance(env);
    instance = last;
    const writers = startWriters(last.url, setup, acked, { concurrency: CONCURRENCY });
    await pause(LATER_RUN_MS);
    // on a loaded machine the timed runs may end with few writes of a kind: keep writing until each has enough
    const deadline = Date.now() + TOP_UP_MS;
    while (Object.values(counts(acked)).some((count) => count < MIN_ACKNOWLEDGED) && Date.now() < deadline) await pause(200);
    writers.stop();
    add(totals, await writers.done);
    last.child.kill("SIGTERM");
    expect(await exitOf(last.child), last.output()).toMatchObject({ code: 0, signal: null });
    instance = undefined;
    for (const [kind, count] of Object.entries(counts(acked))) expect(count, `${kind}: ${JSON.stringify(totals)}`).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGED);
    const { f, gateway } = setup;

    // every acknowledged registration, with all its tags and its audit events
    const agents = await db().identity.findMany({ where: { id: { in: acked.agents } }, select: { id: true, kind: true, status: true, tags: { select: { tag: true } } } });
    expect(agents.map((agent) => agent.id).sort()).toEqual([...acked.agents].sort());
    for (const agent of agents) expect({ kind: agent.kind, status: agent.status, tags: agent.tags.map((row) => row.tag).sort() }).toEqual({ kind: "agent", status: "active", tags: [...AGENT_TAGS].sort() });

    // every acknowledged grant, with all three of its tools
    const grants = await db().grant.findMany({ where: { id: { in: acked.grants.map((grant) => grant.id) } }, select: { id: true, agentId: true, _count: { select: { tools: true } } } });
    expect(grants.map((grant) => ({ id: grant.id, agentId: grant.agentId })).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...acked.grants].sort((a, b) => a.id.localeCompare(b.id)));
    for (const grant of grants) expect(grant._count.tools, grant.id).toBe(3);

    // every acknowledged token has its token.issued event, and its client assertion is spent
    const issued = await db().auditEvent.findMany({ where: { action: "token.issued", actorId: f.agent.id }, select: { jti: true } });
    const issuedJtis = new Set(issued.map((event) => event.jti));
    expect(acked.tokens.filter((token) => !issuedJtis.has(token.jti))).toEqual([]);
    const spent = await db().replayEntry.findMany({ where: { key: { startsWith: `assertion:${f.agent.clientId}:` } }, select: { key: true } });
    const spentKeys = new Set(spent.map((entry) => entry.key));
    expect(acked.tokens.filter((token) => !spentKeys.has(token.assertionKey))).toEqual([]);

    // every acknowledged event is in the audit log
    const storedEvents = new Set(
      (await db().auditEvent.findMany({ where: { actorId: gateway.id, action: "mcp.decision" }, select: { id: true } })).map((event) => event.id),
    );
    expect(acked.events.filter((eventId) => !storedEvents.has(ingestedEventId(gateway.id, eventId)))).toEqual([]);

    // nothing half-applied, acknowledged or not: each change and its audit events commit together
    const allGrants = await db().grant.findMany({ select: { id: true, _count: { select: { tools: true } } } });
    expect(allGrants.filter((grant) => grant._count.tools === 0)).toEqual([]);
    const grantEvents = new Set((await db().auditEvent.findMany({ where: { action: "grant.created" }, select: { targetId: true } })).map((event) => event.targetId));
    expect(allGrants.filter((grant) => !grantEvents.has(grant.id)).map((grant) => grant.id)).toEqual([]);
    expect([...grantEvents].filter((id) => !allGrants.some((grant) => grant.id === id))).toEqual([]);
    const allIdentities = await db().identity.findMany({ select: { id: true, _count: { select: { tags: true } } } });
    const registered = new Set((await db().auditEvent.findMany({ where: { action: "identity.registered" }, select: { targetId: true } })).map((event) => event.targetId));
    expect(allIdentities.filter((identity) => !registered.has(identity.id)).map((identity) => identity.id)).toEqual([]);
    expect([...registered].filter((id) => !allIdentities.some((identity) => identity.id === id))).toEqual([]);
    const crashAgents = await db().identity.findMany({ where: { tags: { some: { tag: AGENT_TAGS[0]! } } }, select: { id: true, _count: { select: { tags: true } } } });
    expect(crashAgents.filter((agent) => agent._count.tags !== AGENT_TAGS.length)).toEqual([]);
    // a token's spent assertion and its token.issued event are written in one transaction
    expect(spentKeys.size).toBe(issued.length);
    // a batch of events is stored whole or not at all
    const partial = acked.batches.filter((batch) => {
      const stored = batch.filter((eventId) => storedEvents.has(ingestedEventId(gateway.id, eventId))).length;
      return stored !== 0 && stored !== batch.length;
    });
    expect(partial).toEqual([]);

    const chain = await verifyAuditChain(db());
    expect(chain.firstBreak).toBeNull();
    expect(chain.ok).toBe(true);

    const total = counts(acked);
    console.log(
      [
        `crash safety (${database.target.provider}): ${kills.length} SIGKILLs, each the moment a write was acknowledged: ${kills.map((k) => `after a ${k.after} answer with ${k.inFlight} requests in flight`).join("; ")}`,
        `  writes: ${Object.entries(totals).map(([name, t]) => `${name} ${t.acknowledged} acknowledged, ${t.cutOff} cut off by a kill${t.refused ? `, ${t.refused} refused` : ""}`).join("; ")}`,
        `  checked: ${total.registrations} acknowledged registrations, ${total.grants} grants, ${total.tokens} tokens and ${total.events} events (${acked.batches.length} batches sent) present; ` +
          `${allGrants.length} grants, ${allIdentities.length} identities, ${issued.length} issued tokens and every batch whole; audit chain of ${chain.checked} events verified`,
      ].join("\n"),
    );
  });
});
