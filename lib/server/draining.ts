// The drain signal of a shutting-down instance (lib/server/shutdown.ts). Once it
// is raised, held policy long polls answer at once (so gateways poll again,
// on another instance behind the load balancer) and every response closes its
// connection. It lives on globalThis like Warden's other process-wide state:
// the custom server and the Next.js bundle load lib/ separately.
const slot = Symbol.for("warden.draining");
type Drain = { draining: boolean; listeners: Set<() => void> };

function drain(): Drain {
  const holder = globalThis as { [slot]?: Drain };
  return (holder[slot] ??= { draining: false, listeners: new Set() });
}

/** True once this instance has begun shutting down. */
export function isDraining(): boolean {
  return drain().draining;
}

/** Calls `listener` once when the drain begins (in a microtask if it has begun); returns the unsubscribe function. */
export function onDrain(listener: () => void): () => void {
  const state = drain();
  if (state.draining) {
    queueMicrotask(listener);
    return () => {};
  }
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/** Raises the signal; returns how many listeners (held polls) it told. */
export function startDraining(): number {
  const state = drain();
  if (state.draining) return 0;
  state.draining = true;
  const listeners = [...state.listeners];
  state.listeners.clear();
  for (const listener of listeners) listener();
  return listeners.length;
}

/** Lowers the signal again (tests that drain a server in their own process). */
export function resetDraining(): void {
  const state = drain();
  state.draining = false;
  state.listeners.clear();
}
