// GET /metrics on Warden's lean HTTP path (lib/metrics/endpoint.ts answers it).
// Scraped every few seconds at most, so it goes through a Web Request like a
// route handler; what matters here is that it costs the other requests, which
// pass this route by, no more than one prefix comparison.
import type { IncomingMessage, ServerResponse } from "node:http";
import { publicUrl } from "@/lib/config/env";
import { scrapeMetrics } from "@/lib/metrics/endpoint";
import { METRICS_PATH } from "@/lib/metrics/routes";
import type { FastRoute } from "@/lib/server/http-server";

function isMetricsPath(url: string | undefined): boolean {
  if (url === undefined || !url.startsWith(METRICS_PATH)) return false;
  return url.length === METRICS_PATH.length || url.charCodeAt(METRICS_PATH.length) === 63; /* ? */
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<true> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain", "cache-control": "no-store" });
    res.end("Use GET");
    return true;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const response = await scrapeMetrics(new Request(`${publicUrl()}${req.url}`, { method: "GET", headers }), { params: Promise.resolve({}) });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

export const metricsRoute: FastRoute = (req, res) => (isMetricsPath(req.url) ? serve(req, res) : false);
