// Load through the cluster's proxy with one instance killed in the middle of
// it: the crash-safety writers (helpers/crash-writers.ts — registrations and
// grants through the management API, tokens, decision-event batches) send
// through the proxy, the victim gets SIGKILL while requests are in flight,
// and the writers go on against the survivors. Records what was acknowledged,
// what the kill cut off, and what the survivors acknowledged after it.
import { db } from "@/lib/db/client";
import { ingestedEventId } from "@/lib/policy/events/ingest-events";
import type { Cluster, ClusterInstance } from "@/scripts/cluster/start-cluster";
import { emptyAcknowledged, startWriters, WRITE_KINDS, type Acknowledged, type Tally, type WriteKind, type WriterSetup } from "./crash-writers";

/** if no moment with requests in flight at the victim comes, the kill comes anyway after this */
const DRAIN_MS = 500;
const KILL_ANYWAY_MS = 5_000;

export type KillRun = {
  acked: Acknowledged;
  tallies: Record<string, Tally>;
  killedAt: number;
  /** requests the proxy had in flight at the victim when the kill was sent */
  inFlightAtVictim: number;
  /** acknowledgements per kind that came after the kill, from the survivors */
  ackedAfterKill: Record<WriteKind, number>;
  /** how the victim ended: null (killed by a signal) */
  victimExit: number | null;
  /** responses each upstream began after the kill, as the proxy counted them */
  servedAfterKill: number[];
  /** answers each instance gave after the victim's exit was seen (and what it had written was drained) */
  servedAfterDeath: number[];
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes through `cluster.url` for `beforeKillMs`, then SIGKILLs `victim` at
 * the first acknowledgement that finds the proxy with requests in flight at
 * the victim (after KILL_ANYWAY_MS, whatever it has), and goes on for
 * `afterKillMs` — longer if the survivors have not yet acknowledged
 * `minAfterKill` writes of every kind (at most `topUpMs` more).
 */
export async function killMidLoad(options: {
  cluster: Cluster;
  victim: ClusterInstance;
  setup: WriterSetup;
  concurrency: number;
  beforeKillMs: number;
  afterKillMs: number;
  minAfterKill: number;
  topUpMs: number;
}): Promise<KillRun> {
  const { cluster, victim } = options;
  const acked = emptyAcknowledged();
  const ackedAfterKill = Object.fromEntries(WRITE_KINDS.map((kind) => [kind, 0])) as Record<WriteKind, number>;
  const atVictim = () => cluster.proxy.upstreams()[victim.index]!.active;
  let killedAt = 0;
  let inFlightAtVictim = 0;
  let armed = false;
  let servedAtKill: number[] = [];
  const kill = () => {
    armed = false;
    killedAt = Date.now();
    inFlightAtVictim = atVictim();
    servedAtKill = cluster.proxy.upstreams().map((upstream) => upstream.served);
    victim.kill("SIGKILL");
  };
  const writers = startWriters(cluster.url, options.setup, acked, {
    concurrency: options.concurrency,
    onAcknowledged: (kind) => {
      if (killedAt) ackedAfterKill[kind] += 1;
      else if (armed && atVictim() > 0) kill();
    },
  });
  await pause(options.beforeKillMs);
  armed = true;
  const fallback = setTimeout(() => armed && kill(), KILL_ANYWAY_MS);
  const victimExit = await victim.exited;
  clearTimeout(fallback);
  // an answer the victim wrote just before SIGKILL can still be read from its socket after kill():
  // what proves it dead is that nothing more comes from it once its exit is seen and those are drained
  await pause(DRAIN_MS);
  const servedAtDeath = cluster.proxy.upstreams().map((upstream) => upstream.served);
  await pause(options.afterKillMs);
  const deadline = Date.now() + options.topUpMs;
  while (Object.values(ackedAfterKill).some((count) => count < options.minAfterKill) && Date.now() < deadline) await pause(200);
  writers.stop();
  const tallies = await writers.done;
  const servedAfterKill = cluster.proxy.upstreams().map((upstream, index) => upstream.served - (servedAtKill[index] ?? 0));
  const servedAfterDeath = cluster.proxy.upstreams().map((upstream, index) => upstream.served - (servedAtDeath[index] ?? 0));
  return { acked, tallies, killedAt, inFlightAtVictim, ackedAfterKill, victimExit, servedAfterKill, servedAfterDeath };
}

export type Missing = { agents: string[]; grants: string[]; grantsWithoutAllTools: string[]; tokens: string[]; spentAssertions: string[]; events: string[]; partialBatches: number };

/** What of `acked` the database lacks (all empty when every acknowledged write's effect is there), checked as the crash-safety test does. */
export async function missingAcknowledged(acked: Acknowledged, setup: WriterSetup): Promise<Missing> {
  const { f, gateway } = setup;
  const agents = new Set((await db().identity.findMany({ where: { id: { in: acked.agents }, kind: "agent", status: "active" }, select: { id: true } })).map((row) => row.id));
  const grants = await db().grant.findMany({ where: { id: { in: acked.grants.map((grant) => grant.id) } }, select: { id: true, agentId: true, _count: { select: { tools: true } } } });
  const grantIds = new Set(grants.map((grant) => `${grant.id}:${grant.agentId}`));
  const issued = new Set((await db().auditEvent.findMany({ where: { action: "token.issued", actorId: f.agent.id }, select: { jti: true } })).map((event) => event.jti));
  const spent = new Set((await db().replayEntry.findMany({ where: { key: { startsWith: `assertion:${f.agent.clientId}:` } }, select: { key: true } })).map((entry) => entry.key));
  const stored = new Set((await db().auditEvent.findMany({ where: { actorId: gateway.id, action: "mcp.decision" }, select: { id: true } })).map((event) => event.id));
  const storedCount = (batch: string[]) => batch.filter((eventId) => stored.has(ingestedEventId(gateway.id, eventId))).length;
  return {
    agents: acked.agents.filter((id) => !agents.has(id)),
    grants: acked.grants.filter((grant) => !grantIds.has(`${grant.id}:${grant.agentId}`)).map((grant) => grant.id),
    grantsWithoutAllTools: grants.filter((grant) => grant._count.tools !== 3).map((grant) => grant.id),
    tokens: acked.tokens.filter((token) => !issued.has(token.jti)).map((token) => token.jti),
    spentAssertions: acked.tokens.filter((token) => !spent.has(token.assertionKey)).map((token) => token.assertionKey),
    events: acked.events.filter((eventId) => !stored.has(ingestedEventId(gateway.id, eventId))),
    // a batch is stored whole or not at all, acknowledged or not
    partialBatches: acked.batches.filter((batch) => storedCount(batch) !== 0 && storedCount(batch) !== batch.length).length,
  };
}
