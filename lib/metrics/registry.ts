// Warden's Prometheus registry (docs/observability.md). Kept on globalThis, as
// lib/log.ts keeps the logger: the custom server and the Next.js route bundles
// load their own copies of these modules, and must still count into one
// registry and serve it from one /metrics.
import { collectDefaultMetrics, Registry } from "prom-client";

const slot = Symbol.for("warden.metrics");
type State = { registry: Registry; metrics: Map<string, unknown> };

function state(): State {
  const holder = globalThis as { [slot]?: State };
  if (!holder[slot]) {
    const registry = new Registry();
    // process_* and nodejs_* (CPU, memory, event loop lag, GC, handles)
    collectDefaultMetrics({ register: registry });
    holder[slot] = { registry, metrics: new Map() };
  }
  return holder[slot];
}

export function metricsRegistry(): Registry {
  return state().registry;
}

/** The process's one instance of a metric: created (and registered) by whichever module copy asks first. */
export function defineMetric<T>(name: string, create: (registry: Registry) => T): T {
  const { registry, metrics } = state();
  if (!metrics.has(name)) metrics.set(name, create(registry));
  return metrics.get(name) as T;
}
