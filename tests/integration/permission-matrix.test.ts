// The permission matrix, generated from the contracts and the role catalog:
// every endpoint × every kind of principal. A new contract without an entry in
// EXAMPLES below fails this file, so every endpoint gets checked.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "@/lib/api/contract";
import { CONTRACTS } from "@/lib/api/contracts";
import type { RouteHandler } from "@/lib/api/handle";
import { effectivePermissions, ROLE_PERMISSIONS, type Permission, type Role } from "@/lib/auth/permissions";
import { seedApiToken, seedUser, sessionCookieFor, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { call } from "./helpers/http";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");

type Principal = {
  name: string;
  /** null: anonymous */
  permissions: Set<Permission> | null;
  kind: "anonymous" | "session" | "api_token";
  role: Role | null;
  userId: string | null;
  auth: { cookie?: string; bearer?: string };
};

type Example = {
  params?: Record<string, string>;
  query?: string;
  body?: (principal: Principal) => unknown;
  /** the status a principal that passes authorization gets with these inputs */
  expect: number;
  /** the domain refuses API tokens beyond the contract's permission (403), e.g. tokens cannot mint tokens */
  sessionsOnly?: string;
};

const missingId = (prefix: string) => ({ id: `${prefix}_${"0".repeat(26)}` });
const NO_USER = `usr_${"0".repeat(26)}`;
const NO_PROPOSAL = `cpr_${"0".repeat(26)}`;
const NO_TOOL = `tool_${"0".repeat(26)}`;

// Inputs that pass validation, per operationId. Ids name nothing that exists,
// so authorized calls on them answer 404 and change nothing.
const EXAMPLES: Record<string, Example> = {
  getMe: { expect: 200 },
  changeMyPassword: {
    body: () => ({ currentPassword: "certainly-not-the-password", newPassword: "another long passphrase" }),
    expect: 422,
    sessionsOnly: "only a signed-in user has a password to change",
  },
  listUsers: { query: "limit=1", expect: 200 },
  createUser: { body: () => ({ email: `matrix-${uniqueSuffix()}@example.test`, name: "Matrix User", role: "owner", signIn: "sso_only" }), expect: 201 },
  getUser: { params: missingId("usr"), expect: 404 },
  updateUser: { params: missingId("usr"), body: () => ({ name: "Renamed" }), expect: 404 },
  deactivateUser: { params: missingId("usr"), body: () => ({}), expect: 404 },
  reactivateUser: { params: missingId("usr"), expect: 404 },
  resetUserPassword: { params: missingId("usr"), expect: 404 },
  listApiTokens: { query: "limit=1", expect: 200 },
  listAttesters: { expect: 200 },
  registerAttester: { body: () => ({}), expect: 422 },
  getAttester: { params: missingId("att"), expect: 404 },
  updateAttester: { params: missingId("att"), body: () => ({ name: "Renamed" }), expect: 404 },
  revokeAttester: { params: missingId("att"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  createApiToken: {
    body: (principal) => ({ name: `matrix-${uniqueSuffix()}`, role: principal.role ?? "owner" }),
    expect: 201,
    sessionsOnly: "API tokens cannot create API tokens",
  },
  revokeApiToken: { params: missingId("tok"), expect: 404 },
  listServers: { query: "limit=1", expect: 200 },
  registerServer: {
    body: (principal) => {
      const suffix = uniqueSuffix();
      return { name: `matrix ${suffix}`, resourceUri: `https://matrix-${suffix}.example.test/mcp`, ownerId: principal.userId ?? "usr_nobody" };
    },
    expect: 201,
  },
  getServer: { params: missingId("srv"), expect: 404 },
  updateServer: { params: missingId("srv"), body: () => ({ description: "matrix" }), expect: 404 },
  listAgents: { query: "limit=1", expect: 200 },
  registerAgent: { body: (principal) => ({ name: `matrix agent ${uniqueSuffix()}`, ownerId: principal.userId ?? NO_USER }), expect: 201 },
  getAgent: { params: missingId("agt"), expect: 404 },
  updateAgent: { params: missingId("agt"), body: () => ({ dpopRequired: true }), expect: 404 },
  listResources: { query: "limit=1", expect: 200 },
  registerResource: { body: (principal) => ({ name: `matrix resource ${uniqueSuffix()}`, audienceUri: `urn:matrix:${uniqueSuffix()}`, ownerId: principal.userId ?? NO_USER }), expect: 201 },
  getResource: { params: missingId("res"), expect: 404 },
  updateResource: { params: missingId("res"), body: () => ({ name: "matrix" }), expect: 404 },
  listGateways: { query: "limit=1", expect: 200 },
  registerGateway: { body: (principal) => ({ name: `matrix gateway ${uniqueSuffix()}`, ownerId: principal.userId ?? NO_USER }), expect: 201 },
  getGateway: { params: missingId("gwy"), expect: 404 },
  updateGateway: { params: missingId("gwy"), body: () => ({ frontsAllServers: true }), expect: 404 },
  listIdentities: { query: "limit=1", expect: 200 },
  approveIdentity: { params: missingId("agt"), body: () => ({}), expect: 404 },
  suspendIdentity: { params: missingId("agt"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  resumeIdentity: { params: missingId("agt"), body: () => ({}), expect: 404 },
  revokeIdentity: { params: missingId("agt"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  transferIdentity: { params: missingId("agt"), body: () => ({ ownerId: NO_USER }), expect: 404 },
  reassignIdentities: { body: (principal) => ({ identityIds: [`agt_${"0".repeat(26)}`], ownerId: principal.userId ?? NO_USER }), expect: 422 },
  searchDirectory: { query: "limit=1", expect: 200 },
  getSettings: { expect: 200 },
  updateSettings: { body: () => ({ keyRotationOverlapDays: 7 }), expect: 200 },
  previewServerImport: {
    body: (principal) => {
      const s = uniqueSuffix();
      return { documents: { name: `io.example.matrix/p-${s}`, description: "Matrix preview", version: "1.0.0", remotes: [{ type: "streamable-http", url: `https://matrix-p-${s}.example.test/mcp` }] }, ownerId: principal.userId ?? NO_USER };
    },
    expect: 200,
  },
  importServers: {
    body: (principal) => {
      const s = uniqueSuffix();
      return { documents: [{ name: `io.example.matrix/i-${s}`, description: "Matrix import", version: "1.0.0", remotes: [{ type: "streamable-http", url: `https://matrix-i-${s}.example.test/mcp` }] }], ownerId: principal.userId ?? NO_USER };
    },
    expect: 201,
  },
  listIdentityKeys: { params: missingId("srv"), query: "limit=1", expect: 404 },
  addIdentityKeys: {
    params: missingId("srv"),
    body: () => ({ jwk: { kty: "EC", crv: "P-256", x: "l090G0quATNTM3PhGXoSi6p3lil-uTA2BPG3Eq51OBk", y: "SkGix450JZFc3QEFNzKLYG1s9W8g7ph64pmej5vXucM" } }),
    expect: 404,
  },
  createKeyChallenge: { params: missingId("srv"), expect: 404 },
  retireIdentityKey: { params: { ...missingId("srv"), keyId: `key_${"0".repeat(26)}` }, body: () => ({}), expect: 404 },
  revokeIdentityKey: { params: { ...missingId("srv"), keyId: `key_${"0".repeat(26)}` }, body: () => ({ reason: "permission matrix" }), expect: 404 },
  listTools: { params: missingId("srv"), query: "includeRemoved=true", expect: 404 },
  createCatalogProposal: { params: missingId("srv"), body: () => ({ source: "manual", tools: [{ name: "matrix_tool" }] }), expect: 404 },
  // a missing server answers 404 before any connection is attempted
  discoverTools: { params: missingId("srv"), body: () => ({}), expect: 404 },
  listCatalogProposals: { params: missingId("srv"), query: "status=open", expect: 404 },
  getCatalogProposal: { params: { ...missingId("srv"), proposalId: NO_PROPOSAL }, expect: 404 },
  applyCatalogProposal: { params: { ...missingId("srv"), proposalId: NO_PROPOSAL }, expect: 404 },
  discardCatalogProposal: { params: { ...missingId("srv"), proposalId: NO_PROPOSAL }, expect: 404 },
  reviewTools: { params: missingId("srv"), body: () => ({ decisions: [{ toolId: NO_TOOL, tier: "read" }] }), expect: 404 },
  disableTool: { params: { ...missingId("srv"), toolId: NO_TOOL }, body: () => ({ reason: "permission matrix" }), expect: 404 },
  listCapabilityTags: { expect: 200 },
  createCapabilityTag: { body: () => ({ tag: `matrix-${uniqueSuffix()}`, name: "Matrix tag", description: "Made by the permission matrix" }), expect: 201 },
  updateCapabilityTag: { params: { tag: "no-such-tag" }, body: () => ({ name: "Renamed" }), expect: 404 },
  deleteCapabilityTag: { params: { tag: "no-such-tag" }, expect: 404 },
  listToolCapabilities: { params: missingId("srv"), expect: 404 },
  setToolCapabilities: { params: { ...missingId("srv"), toolId: NO_TOOL }, body: () => ({ tags: [] }), expect: 404 },
  enableTool: { params: { ...missingId("srv"), toolId: NO_TOOL }, body: () => ({}), expect: 404 },
  listCatalogVersions: { params: missingId("srv"), query: "limit=1", expect: 404 },
  getProtectedResourceMetadata: { params: missingId("srv"), expect: 404 },
  listGrants: { query: "limit=1", expect: 200 },
  createGrant: {
    body: () => ({ agentId: `agt_${"0".repeat(26)}`, serverId: `srv_${"0".repeat(26)}`, shortcut: "all-read", justification: "permission matrix check" }),
    expect: 422,
  },
  getGrant: { params: missingId("grt"), expect: 404 },
  listAccessRequests: { query: "limit=1", expect: 200 },
  createAccessRequest: {
    body: () => ({ agentId: `agt_${"0".repeat(26)}`, serverId: `srv_${"0".repeat(26)}`, toolIds: [NO_TOOL], justification: "permission matrix check" }),
    expect: 422,
  },
  getAccessRequest: { params: missingId("arq"), expect: 404 },
  decideAccessRequest: { params: missingId("arq"), body: () => ({ step: "owner", decision: "approve" }), expect: 404 },
  cancelAccessRequest: { params: missingId("arq"), body: () => ({}), expect: 404 },
  revokeGrant: { params: missingId("grt"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  getEffectiveAccess: { query: "limit=1", expect: 200 },
  listExchangePolicies: { query: "includeRevoked=true", expect: 200 },
  createExchangePolicy: { body: () => ({ serverId: `srv_${"0".repeat(26)}`, resourceId: `res_${"0".repeat(26)}`, scopes: ["read"] }), expect: 422 },
  revokeExchangePolicy: { params: missingId("xpl"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  listToxicPolicies: { expect: 200 },
  createToxicPolicy: { body: () => ({ name: "Permission matrix", tags: ["no-such-tag-one", "no-such-tag-two"], mode: "warn" }), expect: 422 },
  getToxicPolicy: { params: missingId("txp"), expect: 404 },
  updateToxicPolicy: { params: missingId("txp"), body: () => ({ enabled: false }), expect: 404 },
  deleteToxicPolicy: { params: missingId("txp"), expect: 404 },
  listToxicFindings: { query: "limit=1", expect: 200 },
  acceptToxicFinding: { params: missingId("txf"), body: () => ({ justification: "permission matrix check" }), expect: 404 },
  liftGrantSuspension: { params: { grantId: `grt_${"0".repeat(26)}` }, body: () => ({ reason: "permission matrix" }), expect: 404 },
  getAgentCapabilities: { params: missingId("agt"), expect: 404 },
  listAuditEvents: { query: "limit=1", expect: 200 },
  verifyAuditChain: { expect: 200 },
  getAuditIntegrity: { expect: 200 },
  // signs the shared database's head: harmless, and the chain stays verifiable
  createAuditAnchor: { expect: 201 },
  updateAuditRetention: { body: () => ({ auditAnchorIntervalMinutes: 60 }), expect: 200 },
  getDelegationChain: { params: missingId("evt"), expect: 404 },
  exportAuditEvents: { query: "format=jsonl&action=auth.sign_in.failed", expect: 200 },
  getOpenApi: { expect: 200 },
  listSigningKeys: { expect: 200 },
  listEnforcementFleet: { expect: 200 },
  listRevocations: { query: "limit=5", expect: 200 },
  rotateSigningKey: { body: () => ({}), expect: 200 },
  revokeAccessToken: { body: () => ({ token: "not-a-warden-token", reason: "permission matrix" }), expect: 422 },
  listCampaigns: { query: "limit=1", expect: 200 },
  createCampaign: { body: () => ({ type: "grant", name: "permission matrix", dueAt: "2020-01-01T00:00:00Z" }), expect: 422 },
  getCampaign: { params: missingId("cmp"), expect: 404 },
  updateCampaign: { params: missingId("cmp"), body: () => ({ name: "permission matrix" }), expect: 404 },
  previewCampaign: { params: missingId("cmp"), expect: 404 },
  launchCampaign: { params: missingId("cmp"), expect: 404 },
  listCampaignItems: { params: missingId("cmp"), query: "limit=1", expect: 404 },
  exportCampaignEvidence: { params: missingId("cmp"), query: "format=csv", expect: 404 },
  getCampaignStats: { params: missingId("cmp"), query: "view=totals", expect: 404 },
  getPosture: { query: "days=30", expect: 200 },
  listMyReviews: { query: "limit=1", expect: 200 },
  closeCampaign: { params: missingId("cmp"), body: () => ({ reason: "permission matrix" }), expect: 404 },
  bulkDecideReviewItems: { body: () => ({ decision: "certify", itemIds: [`citm_${"0".repeat(26)}`] }), expect: 200 },
  decideReviewItem: { params: { id: `citm_${"0".repeat(26)}` }, body: () => ({ decision: "certify" }), expect: 404 },
  listWebhooks: { query: "limit=1", expect: 200 },
  // disabled: nothing is ever sent to it
  createWebhook: { body: () => ({ url: `https://matrix-${uniqueSuffix()}.example.test/hook`, events: ["campaign.launched"], enabled: false }), expect: 201 },
  getWebhook: { params: missingId("whk"), expect: 404 },
  updateWebhook: { params: missingId("whk"), body: () => ({ enabled: false }), expect: 404 },
  deleteWebhook: { params: missingId("whk"), expect: 404 },
  listNotifications: { query: "limit=1", expect: 200 },
  retryNotification: { params: missingId("ntf"), expect: 404 },
  listAuditSinks: { query: "limit=1", expect: 200 },
  // disabled: nothing is ever sent to it
  createAuditSink: { body: () => ({ name: `matrix ${uniqueSuffix()}`, kind: "webhook", target: `https://matrix-${uniqueSuffix()}.example.test/siem`, enabled: false }), expect: 201 },
  getAuditSink: { params: missingId("snk"), expect: 404 },
  updateAuditSink: { params: missingId("snk"), body: () => ({ enabled: false }), expect: 404 },
  deleteAuditSink: { params: missingId("snk"), expect: 404 },
  retryAuditSink: { params: missingId("snk"), expect: 404 },
};

function routeFile(contract: Contract): string {
  const segments = contract.path.split("/").filter(Boolean).map((segment) => segment.replace(/^\{(.+)\}$/, "[$1]"));
  return path.join(root, "app", ...segments, "route.ts");
}

async function handlerFor(contract: Contract): Promise<RouteHandler> {
  const routeModule = (await import(routeFile(contract))) as Record<string, RouteHandler | undefined>;
  const handler = routeModule[contract.method];
  if (!handler) throw new Error(`${routeFile(contract)} does not export ${contract.method}`);
  return handler;
}

function invoke(contract: Contract, handler: RouteHandler, principal: Principal) {
  const example = EXAMPLES[contract.operationId];
  if (!example) throw new Error(`No example inputs for ${contract.operationId}: add it to EXAMPLES in tests/integration/permission-matrix.test.ts`);
  let url = contract.path;
  for (const [name, value] of Object.entries(example.params ?? {})) url = url.replace(`{${name}}`, value);
  return call<{ code?: string; detail?: string }>(handler, {
    method: contract.method,
    path: `${url}${example.query ? `?${example.query}` : ""}`,
    params: example.params,
    body: example.body?.(principal),
    ...principal.auth,
  });
}

/** What the contract layer decides: 401, 403, or through. */
function expectedStatus(contract: Contract, principal: Principal): number {
  const example = EXAMPLES[contract.operationId]!;
  if (contract.permission === "public") return example.expect;
  if (!principal.permissions) return 401;
  if (contract.permission !== "authenticated" && !principal.permissions.has(contract.permission)) return 403;
  if (example.sessionsOnly && principal.kind === "api_token") return 403;
  return example.expect;
}

const principals: Principal[] = [];
let tokenAdmin: SeededUser;

beforeAll(async () => {
  principals.push({ name: "anonymous", kind: "anonymous", role: null, permissions: null, userId: null, auth: {} });
  for (const role of ["admin", "owner", "auditor"] as const) {
    const user = await seedUser({ role });
    const { cookie } = await sessionCookieFor(user.id);
    principals.push({ name: `${role} session`, kind: "session", role, permissions: effectivePermissions([role]), userId: user.id, auth: { cookie } });
  }
  tokenAdmin = await seedUser({ role: "admin" });
  const token = await seedApiToken({ role: "admin", user: tokenAdmin });
  principals.push({ name: "admin API token", kind: "api_token", role: "admin", permissions: effectivePermissions(["admin"]), userId: tokenAdmin.id, auth: { bearer: token.secret } });
});

describe("permission matrix", () => {
  it("has example inputs for every contract, and no stale ones", () => {
    const operationIds = CONTRACTS.map((contract) => contract.operationId);
    expect(operationIds.filter((id) => !(id in EXAMPLES)), "add these operations to EXAMPLES").toEqual([]);
    expect(Object.keys(EXAMPLES).filter((id) => !operationIds.includes(id)), "these EXAMPLES have no contract").toEqual([]);
  });

  it("covers at least the endpoints known today", () => {
    expect(CONTRACTS.length).toBeGreaterThanOrEqual(18);
  });

  for (const contract of CONTRACTS) {
    it(`${contract.method} ${contract.path} (${contract.operationId}, ${contract.permission})`, async () => {
      const handler = await handlerFor(contract);
      // an admin token scoped to some permission other than the one needed
      const scope: Permission = contract.permission === "identities:read" ? "audit:read" : "identities:read";
      const scoped = await seedApiToken({ role: "admin", user: tokenAdmin, scopes: [scope] });
      const all: Principal[] = [
        ...principals,
        { name: `admin API token scoped to ${scope}`, kind: "api_token", role: "admin", permissions: effectivePermissions(["admin"], [scope]), userId: tokenAdmin.id, auth: { bearer: scoped.secret } },
      ];
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const principal of all) {
        const result = await invoke(contract, handler, principal);
        outcomes.push(`${principal.name}: ${result.status}`);
        expected.push(`${principal.name}: ${expectedStatus(contract, principal)}`);
        if (result.status === 401) expect(result.headers.get("www-authenticate")).toMatch(/^Bearer/);
        if (result.status === 403) expect(result.body.code).toBe("forbidden");
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

describe("role boundaries", () => {
  it("owners cannot open user management", async () => {
    const { GET } = await import("@/app/api/v1/users/route");
    const owner = principals.find((principal) => principal.name === "owner session")!;
    const result = await call<{ detail: string }>(GET, { path: "/api/v1/users", ...owner.auth });
    expect(result.status).toBe(403);
    expect(result.body.detail).toBe("This requires the users:read permission");
  });

  // Auditors read. The only writes open to them: their own password and their own
  // API tokens (api-tokens:manage-own), and running the chain verification (it
  // records that it ran). Any other mutating endpoint must refuse them.
  const AUDITOR_MAY_POST = new Set(["changeMyPassword", "createApiToken", "revokeApiToken", "verifyAuditChain"]);

  it("auditors cannot mutate anything else", async () => {
    const auditor = principals.find((principal) => principal.name === "auditor session")!;
    const mutating = CONTRACTS.filter((contract) => contract.method !== "GET");
    expect(mutating.length).toBeGreaterThan(0);
    for (const contract of mutating) {
      const allowed = contract.permission === "authenticated" || ROLE_PERMISSIONS.auditor.includes(contract.permission as Permission);
      expect(allowed, `${contract.operationId} (${contract.permission}) is open to auditors; is that intended?`).toBe(AUDITOR_MAY_POST.has(contract.operationId));
      if (AUDITOR_MAY_POST.has(contract.operationId)) continue;
      const result = await invoke(contract, await handlerFor(contract), auditor);
      expect(result.status, contract.operationId).toBe(403);
    }
  });
});
