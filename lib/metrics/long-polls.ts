// The long polls this instance holds now, read from the bundle endpoint's own
// count when /metrics is scraped (nothing is counted twice on the poll path).
import { Gauge } from "prom-client";
import { defineMetric } from "@/lib/metrics/registry";
import { heldPolls } from "@/lib/policy/bundle/bundle-endpoint";

export function defineLongPollGauge(): void {
  defineMetric(
    "warden_policy_long_polls_held",
    (registry) =>
      new Gauge({
        name: "warden_policy_long_polls_held",
        help: "Policy bundle long polls (GET /policy/v1/bundle?wait=N) this instance holds now",
        registers: [registry],
        collect() {
          this.set(heldPolls());
        },
      }),
  );
}
