// What a machine-plane instance (WARDEN_ROLE=machine) answers when no lean
// route took the request. Such an instance serves only the machine-facing
// endpoints (lib/server/fast-routes.ts: OAuth, JWKS, metadata, policy bundle,
// status and events, /metrics), the public documents that agents and MCP
// clients fetch (lib/server/public-documents/: an identity's JWK Set, an MCP
// server's protected resource metadata, the always-refusing /oauth/authorize)
// and its own health check; it never loads
// Next.js. Why have one: Next.js switches on Node 20's process-wide async
// hooks with its first request (AsyncLocalStorage), which every later request
// of the process pays for, the lean ones included (BENCHMARKS.md, "Policy
// distribution"); and the console's attack surface is not exposed where
// gateways and agents call. Everything else is 404 problem+json naming the
// role, so a load balancer routing the console here is easy to spot.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors/app-error";
import { checkHealth } from "@/lib/health/check-health";
import { REQUEST_ID_HEADER } from "@/lib/http/request-context";
import { PROBLEM_CONTENT_TYPE, problemBody } from "@/lib/http/problem";
import { publicUrl } from "@/lib/config/env";
import { authorizeRefusal } from "@/lib/server/public-documents/authorize-refusal";
import { identityJwksResponse } from "@/lib/server/public-documents/identity-jwks";
import { protectedResourceResponse } from "@/lib/server/public-documents/protected-resource";

export const HEALTH_PATH = "/api/health";
const IDENTITY_DOCUMENT = /^\/identities\/([^/]+)\/(jwks\.json|oauth-protected-resource)$/;

/** The Web Request the shared handlers take (they read only the URL and headers: none of them reads a body). */
function webRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(new URL(req.url ?? "/", publicUrl()), { method: req.method === "HEAD" ? "GET" : req.method, headers });
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" || body.length === 0 ? undefined : body);
}

/** The public documents a machine-plane instance serves as the console's route files do; null for other paths. */
function publicDocument(req: IncomingMessage, path: string): Promise<Response> | Response | null {
  if (path === "/oauth/authorize") return req.method === "GET" || req.method === "POST" ? authorizeRefusal() : null;
  const match = IDENTITY_DOCUMENT.exec(path);
  if (!match || (req.method !== "GET" && req.method !== "HEAD")) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return match[2] === "jwks.json" ? identityJwksResponse(webRequest(req), id) : protectedResourceResponse(webRequest(req), id);
}

function pathOf(url: string): string {
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}

/** Answers /api/health and the public documents as the console's routes do (app/), anything else 404 (405 for other methods on /api/health). */
export async function machineFallback(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = String(req.headers[REQUEST_ID_HEADER] ?? "");
  const path = pathOf(req.url ?? "/");
  if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
    const report = await checkHealth();
    const body = JSON.stringify(report);
    res.writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  const document = publicDocument(req, path);
  if (document) return send(req, res, await document);
  const error =
    path === HEALTH_PATH
      ? new AppError("method_not_allowed", "Use GET", { headers: { allow: "GET, HEAD" } })
      : new AppError("not_found", "This Warden instance serves only the machine-facing endpoints (WARDEN_ROLE=machine): /oauth/*, /.well-known/*, /identities/{id}/jwks.json, /identities/{id}/oauth-protected-resource, /policy/v1/*, /metrics and /api/health. The console and the management API are served by instances with WARDEN_ROLE=all.");
  res.writeHead(error.status, { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...error.headers });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(problemBody(error, requestId)));
}
