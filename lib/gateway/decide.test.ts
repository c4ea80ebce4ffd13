// The SDK's bundle-only decisions, on a hand-built bundle: each rule refuses
// what it should and nothing else.
import { describe, expect, it } from "vitest";
import { callableTools, checkToken, checkToolCall, type TokenClaims } from "@/lib/gateway/decide";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import { ReplayCache } from "@/lib/gateway/replay-cache";

const HOUR = 3600_000;

function bundle(overrides: Partial<PolicyBundle> = {}): PolicyBundle {
  return {
    version: 1,
    iss: "https://warden.example.test",
    revision: 9,
    iat: 0,
    issuedAt: new Date(0).toISOString(),
    audience: "srv_1",
    jwksUri: "https://warden.example.test/.well-known/jwks.json",
    signingKeyIds: ["k1"],
    servers: [
      {
        id: "srv_1",
        resourceUri: "https://mcp.example.test/mcp",
        status: "active",
        tools: [
          { name: "read", scope: "mcp:s:read", tier: "read", status: "approved" },
          { name: "wire", scope: "mcp:s:wire", tier: "irreversible", status: "approved" },
          { name: "off", scope: "mcp:s:off", tier: "write", status: "disabled" },
        ],
      },
    ],
    agents: [
      { id: "agt_1", clientId: "cli_1", status: "active", dpopRequired: true },
      { id: "agt_2", clientId: "cli_2", status: "suspended", dpopRequired: false },
    ],
    grants: [
      { id: "grt_1", agentId: "agt_1", serverId: "srv_1", scopes: ["mcp:s:read", "mcp:s:off"], expiresAt: null },
      { id: "grt_2", agentId: "agt_1", serverId: "srv_1", scopes: ["mcp:s:wire"], expiresAt: new Date(Date.now() - HOUR).toISOString() },
    ],
    exchangePolicies: [],
    revoked: { identities: ["srv_9"], keys: [], grants: [], tokens: [{ jti: "at_revoked", expiresAt: new Date(Date.now() + HOUR).toISOString() }] },
    ...overrides,
  };
}

const claims = (overrides: Partial<TokenClaims> = {}): TokenClaims => ({ sub: "agt_1", client_id: "cli_1", scope: "mcp:s:read mcp:s:wire mcp:s:off", jti: "at_1", exp: 0, cnf: { jkt: "x" }, ...overrides });

describe("checkToken", () => {
  it("accepts an active agent's bound token", () => {
    expect(checkToken(bundle(), "srv_1", claims())).toBeNull();
  });

  it.each([
    ["a revoked token", claims({ jti: "at_revoked" }), 401, "The access token was revoked"],
    ["a token exchanged from a revoked one", claims({ wdn_chain: ["at_0", "at_revoked"] }), 401, "A token this one was exchanged from was revoked"],
    ["an exchanged token whose actor was revoked", claims({ act: { sub: "srv_9" } }), 401, "The identity srv_9 was revoked"],
    ["an agent without access to the server", claims({ sub: "agt_unknown" }), 401, "no access"],
    ["a suspended agent", claims({ sub: "agt_2", cnf: undefined }), 401, "suspended"],
    ["an unbound token of an agent that must use DPoP", claims({ cnf: undefined }), 401, "must be DPoP-bound"],
    ["a token exchanged on behalf of a suspended agent", claims({ sub: "agt_2", act: { sub: "srv_2" } }), 401, "The agent is suspended in Warden"],
  ])("refuses %s", (_name, token, status, description) => {
    expect(checkToken(bundle(), "srv_1", token)).toMatchObject({ status, error: "invalid_token", description: expect.stringContaining(description) });
  });

  it("holds each agent to its binding, and to hardware-bound keys when required", () => {
    const agents = (binding: "dpop" | "mtls" | "dpop_or_mtls" | "bearer", hardwareKeysRequired = false) => bundle({ agents: [{ id: "agt_1", clientId: "cli_1", status: "active", dpopRequired: binding === "dpop", binding, hardwareKeysRequired }] });
    const dpop = claims();
    const mtls = claims({ cnf: { "x5t#S256": "t" } });
    const unbound = claims({ cnf: undefined });
    expect(checkToken(agents("mtls"), "srv_1", mtls)).toBeNull();
    expect(checkToken(agents("mtls"), "srv_1", dpop)).toMatchObject({ status: 401, description: expect.stringContaining("bound to its client certificate") });
    expect(checkToken(agents("dpop"), "srv_1", mtls)).toMatchObject({ status: 401, description: expect.stringContaining("must be DPoP-bound") });
    expect(checkToken(agents("dpop_or_mtls"), "srv_1", dpop)).toBeNull();
    expect(checkToken(agents("dpop_or_mtls"), "srv_1", mtls)).toBeNull();
    expect(checkToken(agents("dpop_or_mtls"), "srv_1", unbound)).toMatchObject({ status: 401, description: expect.stringContaining("DPoP or mTLS") });
    expect(checkToken(agents("bearer"), "srv_1", unbound)).toBeNull();
    expect(checkToken(agents("dpop", true), "srv_1", dpop)).toMatchObject({ status: 401, description: expect.stringContaining("hardware-bound") });
    expect(checkToken(agents("dpop", true), "srv_1", claims({ amr: ["hwk"] }))).toBeNull();
  });

  it("refuses at a suspended server and fails closed for a server not in the bundle", () => {
    const suspended = bundle();
    suspended.servers[0]!.status = "suspended";
    expect(checkToken(suspended, "srv_1", claims())).toMatchObject({ status: 401, description: "This MCP server is suspended in Warden" });
    expect(checkToken(bundle(), "srv_other", claims())).toMatchObject({ status: 503, error: "temporarily_unavailable" });
  });
});

describe("tiers that need hardware-bound keys", () => {
  it("refuses and hides those tools for tokens without amr hwk, and allows them with it", () => {
    const tiers = new Set(["irreversible"]);
    const live = bundle({ grants: [{ id: "grt_1", agentId: "agt_1", serverId: "srv_1", scopes: ["mcp:s:read", "mcp:s:wire"], expiresAt: null }] });
    expect(checkToolCall(live, "srv_1", claims({ amr: ["swk"] }), "wire", Date.now(), tiers)).toMatchObject({ status: 403, description: expect.stringContaining("attested as hardware-bound") });
    expect(checkToolCall(live, "srv_1", claims({ amr: ["swk"] }), "read", Date.now(), tiers)).toBeNull();
    expect([...callableTools(live, "srv_1", claims({ amr: ["swk"] }), Date.now(), tiers)]).toEqual(["read"]);
    expect(checkToolCall(live, "srv_1", claims({ amr: ["hwk"] }), "wire", Date.now(), tiers)).toBeNull();
    expect([...callableTools(live, "srv_1", claims({ amr: ["hwk"] }), Date.now(), tiers)].sort()).toEqual(["read", "wire"]);
  });
});

describe("checkToolCall and callableTools", () => {
  it("allows a granted, approved tool in the token's scope", () => {
    expect(checkToolCall(bundle(), "srv_1", claims(), "read")).toBeNull();
    expect([...callableTools(bundle(), "srv_1", claims())]).toEqual(["read"]);
  });

  it.each([
    ["a tool the catalog does not know", "delete_everything", claims(), undefined, "not in Warden's catalog"],
    ["a disabled tool, even when granted", "off", claims(), "mcp:s:off", "disabled"],
    ["a tool whose grant expired", "wire", claims(), "mcp:s:wire", "revoked or has expired"],
    ["a tool not in the token's scope", "read", claims({ scope: "mcp:s:wire" }), "mcp:s:read", "does not carry the scope"],
  ])("refuses %s with 403 insufficient_scope", (_name, tool, token, scope, description) => {
    const refusal = checkToolCall(bundle(), "srv_1", token, tool);
    expect(refusal).toMatchObject({ status: 403, error: "insufficient_scope", description: expect.stringContaining(description) });
    expect(refusal!.scope).toBe(scope);
  });

  it("bounds an exchanged token by its own scope (no grant of the caller's own at this server)", () => {
    const exchanged = claims({ sub: "agt_elsewhere", act: { sub: "srv_2" }, scope: "mcp:s:wire" });
    expect(checkToken(bundle(), "srv_1", exchanged)).toBeNull();
    expect(checkToolCall(bundle(), "srv_1", exchanged, "wire")).toBeNull();
    expect(checkToolCall(bundle(), "srv_1", exchanged, "read")).toMatchObject({ status: 403, scope: "mcp:s:read" });
  });

  it("follows the grant's expiry at decision time", () => {
    const later = Date.now() + 2 * HOUR;
    const expiring = bundle({ grants: [{ id: "grt_1", agentId: "agt_1", serverId: "srv_1", scopes: ["mcp:s:read"], expiresAt: new Date(Date.now() + HOUR).toISOString() }] });
    expect(checkToolCall(expiring, "srv_1", claims(), "read")).toBeNull();
    expect(checkToolCall(expiring, "srv_1", claims(), "read", later)).toMatchObject({ status: 403 });
    expect(callableTools(expiring, "srv_1", claims(), later).size).toBe(0);
  });
});

describe("ReplayCache", () => {
  it("accepts a key once while it lives, forgets it after, and fails closed when full of live keys", () => {
    const cache = new ReplayCache(2);
    expect(cache.use("a", 1000, 0)).toBe("fresh");
    expect(cache.use("a", 1000, 10)).toBe("replayed");
    expect(cache.use("b", 2000, 10)).toBe("fresh");
    expect(cache.use("c", 2000, 10)).toBe("full");
    expect(cache.use("c", 2000, 1500)).toBe("fresh"); // "a" expired and left
    expect(cache.use("a", 3000, 1500)).toBe("full");
    expect(cache.size).toBe(2);
  });
});
