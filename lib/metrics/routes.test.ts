import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_RESOURCES, methodLabel, PAGE_SECTIONS, ROUTE_LABELS, routeOf, statusLabel } from "@/lib/metrics/routes";

const app = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../app");
const directories = (dir: string) =>
  fs
    .readdirSync(path.join(app, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("route labels", () => {
  it("know every management API resource and console page section in app/", () => {
    expect([...API_RESOURCES].sort()).toEqual(directories("api/v1"));
    expect([...PAGE_SECTIONS].sort()).toEqual([...directories("(console)"), ...directories("(auth)")].sort());
  });

  it.each([
    ["/oauth/token", "/oauth/token"],
    ["/oauth/token?client_assertion=eyJ.secret", "/oauth/token"],
    ["/policy/v1/bundle", "/policy/v1/bundle"],
    ["/policy/v1/bundle?wait=30", "/policy/v1/bundle"],
    ["/policy/v1/events", "/policy/v1/events"],
    ["/.well-known/jwks.json", "/.well-known/jwks.json"],
    ["/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server"],
    ["/.well-known/oauth-protected-resource/mcp", "/.well-known/*"],
    ["/metrics", "/metrics"],
    ["/api/health", "/api/health"],
    ["/api/v1/users", "/api/v1/users"],
    ["/api/v1/users/usr_01J0000000000000000000000/deactivate", "/api/v1/users"],
    ["/api/v1/openapi.json", "/api/v1/openapi.json"],
    ["/api/v1/made-up-1234", "other"],
    ["/api/auth/session", "/api/auth/*"],
    ["/identities/agt_01J/jwks.json", "/identities/{id}/jwks.json"],
    ["/identities/srv_01J/oauth-protected-resource", "/identities/{id}/oauth-protected-resource"],
    ["/identities/srv_01J/other", "other"],
    ["/", "page"],
    ["/login?callbackUrl=%2Fagents", "page"],
    ["/agents/agt_01J", "page"],
    ["/settings/api-tokens", "page"],
    ["/_next/static/chunks/main.js", "static"],
    ["/favicon.svg", "static"],
    ["/schemas/policy-bundle.json", "static"],
    ["/wp-admin/x", "other"],
    ["http://example.test/oauth/token", "other"],
    ["", "other"],
  ])("%s → %s", (url, label) => {
    expect(routeOf(url)).toBe(label);
    expect(ROUTE_LABELS).toContain(label);
  });

  it("bound methods and statuses", () => {
    expect(methodLabel("GET")).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("other");
    expect(methodLabel(undefined)).toBe("other");
    expect(statusLabel(304)).toBe("304");
    expect(statusLabel(304)).toBe(statusLabel(304));
    expect(statusLabel(1200)).toBe("other");
  });
});
