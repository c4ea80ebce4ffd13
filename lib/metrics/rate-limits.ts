// Requests refused by a rate limit (lib/rate-limit), by endpoint and by which
// limit refused them (per client, per IP address, per email). Every refusal is
// counted here; only the first of each key's window is audited.
import { HotCounter } from "@/lib/metrics/hot";
import { defineMetric } from "@/lib/metrics/registry";

const refused = defineMetric(
  "warden_rate_limited_total",
  (registry) => new HotCounter(registry, { name: "warden_rate_limited_total", help: "Requests refused by a rate limit (429), by endpoint and by the limit that refused them (client, ip, email)", labelNames: ["endpoint", "per"] }),
);

export function countRateLimited(endpoint: string, per: string): void {
  refused.labels(endpoint, per).inc();
}
