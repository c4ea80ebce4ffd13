// Requests by route, method and status, and how long they took: recorded once
// per response by Warden's response class (lib/server/warden-response.ts),
// with an access log line per request at debug level. The line names the
// route label, never the URL (query strings can carry credentials) or headers.
import type { IncomingMessage } from "node:http";
import { REQUEST_ID_HEADER } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import { HotCounter, HotHistogram } from "@/lib/metrics/hot";
import { defineMetric } from "@/lib/metrics/registry";
import { methodLabel, routeOf, statusLabel } from "@/lib/metrics/routes";

// up to the long polls' 60 s
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const requests = defineMetric(
  "warden_http_requests_total",
  (registry) => new HotCounter(registry, { name: "warden_http_requests_total", help: "HTTP requests answered, by route template, method and status", labelNames: ["route", "method", "status"] }),
);
const durations = defineMetric(
  "warden_http_request_duration_seconds",
  (registry) =>
    new HotHistogram(registry, {
      name: "warden_http_request_duration_seconds",
      help: "Time from a request's headers to the end of its answer, by route template and method (held long polls included)",
      labelNames: ["route", "method"],
      buckets: DURATION_BUCKETS,
    }),
);

/** Records one answered request; `elapsedMs` from its headers to the end of the answer. */
export function observeRequest(req: IncomingMessage, status: number, elapsedMs: number): void {
  const route = routeOf(req.url ?? "/");
  const method = methodLabel(req.method);
  requests.labels(route, method, statusLabel(status)).inc();
  durations.labels(route, method).observe(elapsedMs / 1000);
  const log = logger();
  if (log.isLevelEnabled("debug")) {
    log.debug({ requestId: req.headers[REQUEST_ID_HEADER], method, route, status, durationMs: Math.round(elapsedMs * 1000) / 1000 }, "request");
  }
}
