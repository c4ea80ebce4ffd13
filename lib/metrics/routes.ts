// The route label of a request: a fixed, small set of templates, never the raw
// path (ids would make a series per identity, and anyone could mint new series
// by sending made-up paths). The lean endpoints are matched exactly and
// without allocating; the management API by its first path segment; console
// pages are "page", static files "static", and everything else "other".
// routes.test.ts checks the lists below against the app/ directory.
import { POLICY_BUNDLE_PATH, POLICY_EVENTS_PATH, POLICY_STATUS_PATH } from "@/lib/policy/bundle/paths";

export const METRICS_PATH = "/metrics";

const EXACT_PATHS = [
  "/oauth/token",
  "/oauth/introspect",
  "/oauth/revoke",
  "/oauth/authorize",
  "/.well-known/jwks.json",
  "/.well-known/oauth-authorization-server",
  POLICY_BUNDLE_PATH,
  POLICY_EVENTS_PATH,
  POLICY_STATUS_PATH,
  METRICS_PATH,
  "/api/health",
];

/** The first segment of every route under app/api/v1. */
export const API_RESOURCES = [
  "access-requests",
  "agents",
  "api-tokens",
  "attesters",
  "audit",
  "campaigns",
  "capability-tags",
  "directory",
  "effective-access",
  "exchange-policies",
  "gateways",
  "grants",
  "identities",
  "me",
  "notifications",
  "openapi.json",
  "posture",
  "resources",
  "review-items",
  "revocations",
  "servers",
  "settings",
  "signing-keys",
  "tokens",
  "toxic-policies",
  "users",
  "webhooks",
];

/** The first segment of every console page (app/(console), app/(auth)). */
export const PAGE_SECTIONS = [
  "access",
  "account",
  "agents",
  "audit",
  "campaigns",
  "dashboard",
  "exchange-policies",
  "gateways",
  "login",
  "my-identities",
  "orphans",
  "resources",
  "reviews",
  "revocations",
  "servers",
  "settings",
];

const STATIC_FILES = new Set(["/favicon.svg", "/favicon.ico", "/robots.txt"]);
const IDENTITY_DOCUMENT = /^\/identities\/[^/]+\/(jwks\.json|oauth-protected-resource)$/;

const exact = new Map<string, string>(EXACT_PATHS.map((path) => [path, path]));
exact.set("/", "page");
const apiRoutes = new Map(API_RESOURCES.map((resource) => [resource, `/api/v1/${resource}`]));
const pages = new Set(PAGE_SECTIONS);

export const ROUTE_LABELS = [...new Set([...exact.values(), ...apiRoutes.values(), "/api/auth/*", "/.well-known/*", "/identities/{id}/jwks.json", "/identities/{id}/oauth-protected-resource", "page", "static", "other"])];

function firstSegment(path: string, from: number): string {
  const end = path.indexOf("/", from);
  return end === -1 ? path.slice(from) : path.slice(from, end);
}

/** The route label of a request target (path and query, as in IncomingMessage.url). */
export function routeOf(url: string): string {
  // the lean endpoints' URLs are usually exact: no slice, one map lookup
  const found = exact.get(url);
  if (found !== undefined) return found;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (query !== -1) {
    const again = exact.get(path);
    if (again !== undefined) return again;
  }
  if (path.startsWith("/api/v1/")) return apiRoutes.get(firstSegment(path, 8)) ?? "other";
  if (path.startsWith("/_next/") || path.startsWith("/schemas/") || STATIC_FILES.has(path)) return "static";
  if (path.startsWith("/api/auth/")) return "/api/auth/*";
  if (path.startsWith("/.well-known/")) return "/.well-known/*";
  if (path.startsWith("/identities/")) {
    const match = IDENTITY_DOCUMENT.exec(path);
    if (!match) return "other";
    return match[1] === "jwks.json" ? "/identities/{id}/jwks.json" : "/identities/{id}/oauth-protected-resource";
  }
  if (path.charCodeAt(0) === 47 /* / */ && pages.has(firstSegment(path, 1))) return "page";
  return "other";
}

export function methodLabel(method: string | undefined): string {
  switch (method) {
    case "GET":
    case "HEAD":
    case "POST":
    case "PUT":
    case "PATCH":
    case "DELETE":
    case "OPTIONS":
      return method;
    default:
      return "other";
  }
}

const STATUS_LABELS = Array.from({ length: 1000 }, (_, status) => String(status));

export function statusLabel(status: number): string {
  return STATUS_LABELS[status] ?? "other";
}
