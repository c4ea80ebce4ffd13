// Policy distribution: the revision of the bundles this instance signs, how
// long compiling and signing one takes (lib/policy/bundle/signed-bundle.ts),
// and the enforcement events it ingests with their lag — receipt time minus
// the event's own time (lib/policy/events/ingest-events.ts). The long polls
// held are read at scrape time (lib/metrics/long-polls.ts).
import { Gauge } from "prom-client";
import { HotCounter, HotHistogram } from "@/lib/metrics/hot";
import { defineMetric } from "@/lib/metrics/registry";

const revision = defineMetric("warden_policy_bundle_revision", (registry) => ({
  gauge: new Gauge({ name: "warden_policy_bundle_revision", help: "Policy revision of the newest bundle this instance compiled and signed", registers: [registry] }),
  highest: -1,
}));
const compileSeconds = defineMetric(
  "warden_policy_bundle_compile_seconds",
  (registry) =>
    new HotHistogram(registry, {
      name: "warden_policy_bundle_compile_seconds",
      help: "Time to compile, serialise and sign one view's policy bundle",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
);
const ingested = defineMetric(
  "warden_events_ingested_total",
  (registry) => new HotCounter(registry, { name: "warden_events_ingested_total", help: "Enforcement events stored (retried duplicates not counted), by type", labelNames: ["type"] }),
);
const lag = defineMetric(
  "warden_event_ingestion_lag_seconds",
  (registry) =>
    new HotHistogram(registry, {
      name: "warden_event_ingestion_lag_seconds",
      help: "Receipt time minus the event's own time, per stored enforcement event (negative clock skew counts as 0)",
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    }),
);

export function observeBundleSigned(bundleRevision: number, seconds: number): void {
  compileSeconds.labels().observe(seconds);
  // views are signed one by one: the gauge keeps the newest revision signed
  if (bundleRevision > revision.highest) {
    revision.highest = bundleRevision;
    revision.gauge.set(bundleRevision);
  }
}

export function observeIngestedEvents(events: readonly { type: string; at: string }[], receivedAt: Date): void {
  const received = receivedAt.getTime();
  const cell = lag.labels();
  for (const event of events) {
    ingested.labels(event.type).inc();
    cell.observe(Math.max(0, received - Date.parse(event.at)) / 1000);
  }
}
