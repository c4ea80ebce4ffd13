// The data of a bundle compilation, shared between the views that cover the
// same servers (many gateways in front of one server, or several that front
// all): one load per server set and revision serves them all, and only the
// audience differs between their documents (lib/policy/bundle/compile.ts).
//
// A load is kept only while it is likely to be asked for again: a change wakes
// every held poll of every view at once, so the burst of compilations it
// starts comes within seconds. After KEEP_LOADED_MS without use it is dropped.
// Why not keep it until the revision moves: for a gateway fronting 1,000
// servers it is ~100,000 grants with their scopes, 10,000 agents and 20,000
// tools as objects, which every major garbage collection marks again; kept,
// they cost the conditional GETs of that gateway's bundle 0.77× → 0.85× of a
// bare server's rate in the serving benchmark (BENCHMARKS.md, "Policy
// distribution", runs of 2026-11-27). The signed bundles themselves are kept apart
// (signed-bundle.ts), as bytes outside the JavaScript heap.
// The state lives on globalThis: the custom server and the Next.js bundle load lib/ separately.

export const KEEP_LOADED_MS = 15_000;
const MAX_SHARED = 200;

type Entry = { revision: bigint; data: Promise<unknown>; lastUsedMs: number };
type State = { loads: Map<string, Entry>; sweep: ReturnType<typeof setTimeout> | null };
const slot = Symbol.for("warden.bundleData");

function state(): State {
  const holder = globalThis as { [slot]?: State };
  return (holder[slot] ??= { loads: new Map(), sweep: null });
}

/** Drops the loads not used since `nowMs - KEEP_LOADED_MS`; returns how many it dropped. */
export function releaseIdleLoads(nowMs = Date.now()): number {
  const { loads } = state();
  let dropped = 0;
  for (const [key, entry] of loads) {
    if (entry.lastUsedMs + KEEP_LOADED_MS <= nowMs) {
      loads.delete(key);
      dropped += 1;
    }
  }
  return dropped;
}

/** How many loads are kept now (tests). */
export function keptLoads(): number {
  return state().loads.size;
}

function scheduleSweep(): void {
  const s = state();
  if (s.sweep) return;
  s.sweep = setTimeout(() => {
    s.sweep = null;
    releaseIdleLoads();
    if (s.loads.size > 0) scheduleSweep();
  }, KEEP_LOADED_MS);
  // a kept load never holds the process open
  s.sweep.unref();
}

/** The load of `key` at `revision`: the one in flight or kept, else `load()`'s, kept for the views that follow. */
export function sharedLoad<T>(key: string, revision: bigint, load: () => Promise<T>): Promise<T> {
  const { loads } = state();
  const now = Date.now();
  const found = loads.get(key);
  if (found && found.revision === revision) {
    found.lastUsedMs = now;
    return found.data as Promise<T>;
  }
  const data = load();
  if (loads.size >= MAX_SHARED && !loads.has(key)) loads.delete(loads.keys().next().value!);
  const entry: Entry = { revision, data, lastUsedMs: now };
  loads.set(key, entry);
  data.catch(() => loads.get(key) === entry && loads.delete(key));
  scheduleSweep();
  return data;
}
