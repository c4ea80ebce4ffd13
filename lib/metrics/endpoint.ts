// GET /metrics: Warden's metrics in the Prometheus text format, for users and
// API tokens with the metrics:read permission (admins and auditors; a scraper
// gets an API token scoped to metrics:read). Authenticated and authorized by
// the management API's own handler (lib/api/handle.ts): 401 with a Bearer
// challenge without a credential, 403 without the permission, problem+json.
// Served on the lean path (lib/server/metrics-route.ts); not part of the
// management API's OpenAPI document.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { handle, type RouteHandler } from "@/lib/api/handle";
import { defineLongPollGauge } from "@/lib/metrics/long-polls";
import { metricsRegistry } from "@/lib/metrics/registry";
import { METRICS_PATH } from "@/lib/metrics/routes";

defineLongPollGauge();

const scrapeMetricsContract = defineContract({
  operationId: "scrapeMetrics",
  method: "GET",
  path: METRICS_PATH,
  tag: "Observability",
  summary: "Warden's metrics in the Prometheus text exposition format (docs/observability.md)",
  permission: "metrics:read",
  response: { status: 200, description: "text/plain; version=0.0.4", schema: z.string() },
});

export const scrapeMetrics: RouteHandler = handle(scrapeMetricsContract, async () => {
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
