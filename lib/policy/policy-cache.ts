// Lookups the token endpoint repeats on every request (the client and its
// keys, the server at a resource URI, an agent's grants on a server), cached
// per policy revision. A token request then reads nothing from the database
// and only writes its single-use values and audit event (lib/oauth/commit-batch.ts).
//
// Freshness: the instance that changes policy drops the cache when the change
// commits, so it never issues from stale state. Other instances read the
// revision again and drop theirs when it moved: on PostgreSQL as soon as the
// change's NOTIFY arrives (lib/policy/revision-listener.ts), with a safety read
// every SAFETY_POLL_MS; on SQLite (one machine, a read of a local file) every
// POLL_MS, and on PostgreSQL too while the listener is reconnecting. So they
// honour a suspension, key revocation or grant revocation made elsewhere within
// milliseconds (PostgreSQL) or POLL_MS (SQLite) plus one query. The same read
// wakes the policy bundle's long polls: one query per instance per change or
// interval, never one per held request. Nothing is cached until the first read
// of the revision, and a lookup that overlapped a drop is not kept. Introspection and
// token exchange never use this cache: they check the database every time.
//
// The state lives on globalThis: the custom server and the Next.js bundle load
// this module separately in one process, and a change made through the console
// must reach the token endpoint's copy.
import { db, openClient, type Db } from "@/lib/db/client";
import { resolveDbTarget } from "@/lib/db/target";
import { logger } from "@/lib/log";
import { listenForRevisions, type RevisionListener } from "@/lib/policy/revision-listener";

export const POLL_MS = 250;
/** with a live LISTEN connection, the revision is still read this often, in case a notification was lost */
export const SAFETY_POLL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Cache = {
  client: Db;
  generation: number;
  /** null until the first poll answered (or after a failed poll): nothing is cached meanwhile */
  revision: bigint | null;
  maps: Map<string, Map<string, unknown>>;
  timer: ReturnType<typeof setInterval>;
  /** told the new revision whenever a poll finds it moved (policy bundle long polls) */
  listeners: Set<(revision: bigint) => void>;
  /** PostgreSQL: the LISTEN connection */
  changes: RevisionListener | null;
  lastPollAt: number;
};

const slot = Symbol.for("warden.policyCache");
type Holder = { [slot]?: Cache };

function drop(cache: Cache): void {
  cache.generation += 1;
  cache.maps.clear();
}

/** false (and everything stopped) once the database client this cache was made for has been closed or replaced */
function stillOpen(cache: Cache): boolean {
  if (openClient() === cache.client) return true;
  clearInterval(cache.timer);
  cache.changes?.close();
  if ((globalThis as Holder)[slot] === cache) delete (globalThis as Holder)[slot];
  return false;
}

function tick(cache: Cache): void {
  if (!stillOpen(cache)) return;
  if (cache.changes?.listening() && Date.now() - cache.lastPollAt < SAFETY_POLL_MS) return;
  void poll(cache);
}

async function poll(cache: Cache): Promise<void> {
  if (!stillOpen(cache)) return;
  cache.lastPollAt = Date.now();
  try {
    const row = await cache.client.policyState.findUnique({ where: { id: 1 }, select: { revision: true } });
    const revision = row?.revision ?? null;
    if (revision !== cache.revision) {
      drop(cache);
      cache.revision = revision;
      if (revision !== null) for (const listener of [...cache.listeners]) listener(revision);
    }
  } catch (error) {
    drop(cache);
    cache.revision = null;
    logger().warn({ err: error }, "could not read the policy revision; the token endpoint reads the database until it can");
  }
}

function current(): Cache {
  const holder = globalThis as Holder;
  const client = db();
  const existing = holder[slot];
  if (existing && existing.client === client) return existing;
  if (existing) clearInterval(existing.timer);
  if (existing) existing.changes?.close();
  const target = resolveDbTarget();
  const cache: Cache = { client, generation: 0, revision: null, maps: new Map(), timer: setInterval(() => tick(cache), POLL_MS), listeners: new Set(), changes: null, lastPollAt: 0 };
  cache.timer.unref();
  if (target.provider === "postgresql") cache.changes = listenForRevisions(target.url, () => void poll(cache));
  holder[slot] = cache;
  void poll(cache);
  return cache;
}

/** The value for `key` in the named cache, loading it on a miss. Loads that find nothing (null) are not cached. */
export async function cachedLookup<T>(name: string, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const cache = current();
  const map = cache.maps.get(name);
  if (map?.has(key)) return map.get(key) as T;
  const generation = cache.generation;
  const value = await load();
  if (value !== null && cache.revision !== null && cache.generation === generation && (globalThis as Holder)[slot] === cache) {
    let target = cache.maps.get(name);
    if (!target) cache.maps.set(name, (target = new Map()));
    if (target.size >= MAX_ENTRIES) target.clear();
    target.set(key, value);
  }
  return value;
}

/**
 * A number that changes whenever this instance drops its cached lookups (a
 * change here, or a new revision seen): what was derived from them while it
 * stays the same is still valid. The bundle endpoint's hot path relies on it.
 */
export function policyGeneration(): number {
  return current().generation;
}

/** Called when this process changed policy (lib/policy/revision.ts). */
export function policyChangedHere(): void {
  const cache = (globalThis as Holder)[slot];
  if (!cache) return;
  drop(cache);
  // read the new revision now rather than at the next tick, so this instance's long polls answer at once
  setImmediate(() => void poll(cache));
}

/** Calls `listener` with each new revision this instance sees; returns the unsubscribe function. */
export function onPolicyRevision(listener: (revision: bigint) => void): () => void {
  const cache = current();
  cache.listeners.add(listener);
  return () => cache.listeners.delete(listener);
}

/**
 * The policy revision this instance last read (a notification or at most
 * POLL_MS behind the database; read now when none was read yet). Tokens carry it as `wdn_rev`.
 */
export async function policyRevision(): Promise<bigint> {
  const cache = current();
  if (cache.revision !== null) return cache.revision;
  const row = await cache.client.policyState.findUnique({ where: { id: 1 }, select: { revision: true } });
  return row?.revision ?? 0n;
}
