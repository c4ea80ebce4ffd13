// The ownership matrix: every management endpoint that takes an object id ×
// every kind of principal, on REAL objects, so a 404 for a missing id cannot
// hide an ownership hole (the permission matrix covers the rest with ids that
// do not exist). The endpoint list comes from the published OpenAPI document
// and must match the contracts and the route files; an endpoint with a path
// parameter and no entry in ENTRIES (or EXCLUDED, with a reason) fails.
//
// Principals: anonymous; A, the object's primary owner (session); the
// object's backup owner (session); B, an owner of other objects (session); A's
// API token scoped to the permission the endpoint needs (unscoped when the
// owner role lacks it: it cannot be scoped to it); A's API token scoped to
// another owner permission; B's API token scoped to the needed permission;
// an auditor; an admin (sessions).
//
// Expected status, from the rules the docs and the domain state:
// R0 every endpoint: anonymous → 401; a principal whose permissions (role ∩
//    token scopes) lack the endpoint's permission (x-warden-permission) → 403.
// Then, by the object's rule:
// read             any holder of the permission reads any object, whoever owns
//                  it: other owners and auditors read the inventory, its keys,
//                  catalogs and grants (docs/registry.md "other owners and
//                  auditors may only read"; lib/identities/keys/list-keys.ts).
// identity-change  identities and what hangs off them (keys, tool catalog):
//                  the primary or backup owner, or identities:manage-any
//                  (admins). Anyone else → 403 if they can read the inventory,
//                  else 404: "not yours" and "not found" are the same answer
//                  for people who cannot read it (docs/registry.md "Who may
//                  change what", docs/security.md, lib/identities/access.ts).
// grant-revoke     grants:manage (admins), or the owners (primary or backup)
//                  of the grant's agent or server; anyone else → 403
//                  (docs/catalog.md "Grants", lib/grants/revoke-grant.ts).
// own-token        one's own API tokens, or any with api-tokens:manage-all
//                  (admins); another's → 404 (docs/security.md,
//                  lib/api-tokens/revoke-api-token.ts).
// reviewer         only the item's reviewer decides it — admins included
//                  (docs/campaigns.md "Decisions"); anyone else → 403.
// permission-only  objects only admins manage (users, campaigns, approval and
//                  resumption, exchange policies, webhooks, deliveries, audit
//                  sinks): the permission decides; owning the identities they
//                  concern gives nothing.
// A principal that passes gets the endpoint's success status. A mutation that
// is refused must leave the object, its related rows and its audit trail
// exactly as they were; one that passes must change them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTRACTS } from "@/lib/api/contracts";
import type { RouteHandler } from "@/lib/api/handle";
import { effectivePermissions, ROLE_PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { startMcpTestServer, type McpTestServer } from "@/lib/catalog/testing/mcp-test-server";
import { createCapabilityTag } from "@/lib/capabilities/create-capability-tag";
import { db } from "@/lib/db/client";
import type { IdentityKind } from "@/lib/identities/kinds";
import { pauseNotificationKicks } from "@/lib/notifications/dispatch";
import { sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import {
  apiTokenOf,
  auditSinkOf,
  disableSinks,
  exchangePolicyOf,
  failedNotification,
  grantOf,
  handlerFor,
  identityOf,
  keyOf,
  publicJwk,
  publishedOperations,
  routePaths,
  sameJson,
  seedPeople,
  serverWithCatalog,
  settled,
  startReceiver,
  toolCampaignOf,
  userOf,
  webhookOf,
  type Operation,
  type People,
} from "./helpers/matrix-objects";
import { agentToken, oauthFixture } from "./helpers/oauth";
import { openFindingOf, suspend, toxicPolicyOf } from "./helpers/toxic";

type Rule = "read" | "identity-change" | "grant-revoke" | "own-token" | "reviewer" | "permission-only";
type Relation = "owner" | "backup" | "other" | "none";
type Principal = { name: string; relation: Relation; permissions: Set<Permission> | null; auth: { cookie?: string; bearer?: string } };
type Target = { params: Record<string, string>; query?: string; body?: unknown; state?: () => Promise<unknown>; after?: () => Promise<void> };
type Entry = { rule: Rule; setup: () => Promise<Target> };

let w: People;
let mcp: McpTestServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const enabledSinks: string[] = [];
const reason = () => ({ reason: `ownership matrix ${uniqueSuffix()}` });

function kindEntries(kind: IdentityKind, Kind: string): Record<string, Entry> {
  return {
    [`get${Kind}`]: { rule: "read", setup: async () => ({ params: { id: (await identityOf(kind, w.a, w.backup)).identity.id } }) },
    [`update${Kind}`]: {
      rule: "identity-change",
      setup: async () => {
        const { identity, state } = await identityOf(kind, w.a, w.backup);
        return { params: { id: identity.id }, body: { description: `changed ${uniqueSuffix()}` }, state };
      },
    },
  };
}

const agentTarget = async (status: "active" | "pending" | "suspended", body: unknown): Promise<Target> => {
  const { identity, state } = await identityOf("agent", w.a, w.backup, { status });
  return { params: { id: identity.id }, body, state };
};

const keyTarget = async (body: unknown): Promise<Target> => {
  const { identity, state } = await identityOf("agent", w.a, w.backup);
  return { params: { id: identity.id, keyId: await keyOf(identity.id) }, body, state };
};

const catalogTarget = async (pick: (fixture: Awaited<ReturnType<typeof serverWithCatalog>>) => Omit<Target, "state">, options: { disabled?: boolean } = {}): Promise<Target> => {
  const fixture = await serverWithCatalog(w.a, w.backup, options);
  return { ...pick(fixture), state: fixture.state };
};

const launched = async () => toolCampaignOf(w.admin, w.a, true);
const draft = async () => toolCampaignOf(w.admin, w.a, false);

// Every operation with a path parameter; the objects are A's, with `w.backup` as backup owner.
const ENTRIES: Record<string, Entry> = {
  ...kindEntries("server", "Server"),
  ...kindEntries("agent", "Agent"),
  ...kindEntries("resource", "Resource"),
  ...kindEntries("gateway", "Gateway"),
  approveIdentity: { rule: "permission-only", setup: () => agentTarget("pending", {}) },
  resumeIdentity: { rule: "permission-only", setup: () => agentTarget("suspended", {}) },
  suspendIdentity: { rule: "identity-change", setup: () => agentTarget("active", reason()) },
  revokeIdentity: { rule: "identity-change", setup: () => agentTarget("active", reason()) },
  transferIdentity: { rule: "identity-change", setup: () => agentTarget("active", { ownerId: w.heir.id }) },

  listIdentityKeys: { rule: "read", setup: async () => ({ ...(await keyTarget(undefined)), query: "limit=5" }) },
  addIdentityKeys: { rule: "identity-change", setup: () => agentTarget("active", { jwk: publicJwk() }) },
  createKeyChallenge: { rule: "identity-change", setup: () => agentTarget("active", undefined) },
  retireIdentityKey: { rule: "identity-change", setup: () => keyTarget({ overlapDays: 3 }) },
  revokeIdentityKey: { rule: "identity-change", setup: () => keyTarget(reason()) },

  listTools: { rule: "read", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id }, query: "includeRemoved=true" })) },
  listCatalogProposals: { rule: "read", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id }, query: "status=open" })) },
  getCatalogProposal: { rule: "read", setup: () => catalogTarget(({ server, proposalId }) => ({ params: { id: server.id, proposalId } })) },
  listCatalogVersions: { rule: "read", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id }, query: "limit=5" })) },
  getProtectedResourceMetadata: { rule: "read", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id } })) },
  createCatalogProposal: { rule: "identity-change", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id }, body: { source: "manual", tools: [{ name: "matrix_tool" }] } })) },
  applyCatalogProposal: { rule: "identity-change", setup: () => catalogTarget(({ server, proposalId }) => ({ params: { id: server.id, proposalId } })) },
  discardCatalogProposal: { rule: "identity-change", setup: () => catalogTarget(({ server, proposalId }) => ({ params: { id: server.id, proposalId } })) },
  reviewTools: { rule: "identity-change", setup: () => catalogTarget(({ server, tools }) => ({ params: { id: server.id }, body: { decisions: [{ toolId: tools.beta, tier: "write" }] } })) },
  disableTool: { rule: "identity-change", setup: () => catalogTarget(({ server, tools }) => ({ params: { id: server.id, toolId: tools.alpha }, body: reason() })) },
  enableTool: { rule: "identity-change", setup: () => catalogTarget(({ server, tools }) => ({ params: { id: server.id, toolId: tools.gamma! }, body: {} }), { disabled: true }) },
  // the server's resource URI is a live MCP server: a refused request must not make Warden connect to it
  discoverTools: {
    rule: "identity-change",
    setup: async () => {
      // resource URIs are unique: the query string makes one per server, the test server ignores it
      const fixture = await serverWithCatalog(w.a, w.backup, { resourceUri: `${mcp.url}?matrix=${uniqueSuffix()}` });
      return { params: { id: fixture.server.id }, body: {}, state: async () => ({ ...((await fixture.state()) as object), connections: mcp.requests }) };
    },
  },

  listToolCapabilities: { rule: "read", setup: () => catalogTarget(({ server }) => ({ params: { id: server.id } })) },
  setToolCapabilities: {
    rule: "identity-change",
    setup: async () => {
      const fixture = await serverWithCatalog(w.a, w.backup);
      const state = async () => ({ ...((await fixture.state()) as object), capabilities: await db().toolCapability.findMany({ where: { toolId: fixture.tools.alpha }, orderBy: { tag: "asc" } }) });
      return { params: { id: fixture.server.id, toolId: fixture.tools.alpha }, body: { tags: ["reads-private-data"] }, state };
    },
  },
  // capability tags are Warden-wide definitions: only grants:manage (admins) changes them
  updateCapabilityTag: { rule: "permission-only", setup: async () => ({ ...(await capabilityTagTarget()), body: { name: `Renamed ${uniqueSuffix()}` } }) },
  deleteCapabilityTag: { rule: "permission-only", setup: () => capabilityTagTarget() },

  getGrant: { rule: "read", setup: async () => ({ params: { id: (await grantOf(w.a, w.a, w.backup)).grant.id } }) },
  revokeGrant: {
    rule: "grant-revoke",
    setup: async () => {
      const { grant, state } = await grantOf(w.a, w.a, w.backup);
      return { params: { id: grant.id }, body: reason(), state };
    },
  },
  revokeExchangePolicy: {
    rule: "permission-only",
    setup: async () => {
      const { policy, state } = await exchangePolicyOf(w.a, w.backup);
      return { params: { id: policy.id }, body: reason(), state };
    },
  },
  getToxicPolicy: { rule: "read", setup: async () => ({ params: { id: (await toxicPolicyOf()).id } }) },
  updateToxicPolicy: { rule: "permission-only", setup: async () => ({ ...(await idTarget(toxicPolicyOf())), body: { description: `matrix ${uniqueSuffix()}` } }) },
  deleteToxicPolicy: { rule: "permission-only", setup: () => idTarget(toxicPolicyOf()) },
  // owning the agent gives nothing: findings and suspensions are the security team's decisions
  acceptToxicFinding: {
    rule: "permission-only",
    setup: async () => ({ ...(await idTarget(openFindingOf((await identityOf("agent", w.a, w.backup)).identity.id))), body: { justification: `ownership matrix ${uniqueSuffix()}` } }),
  },
  liftGrantSuspension: {
    rule: "permission-only",
    setup: async () => {
      const { grant, state } = await grantOf(w.a, w.a, w.backup);
      await suspend(grant.id);
      return { params: { grantId: grant.id }, body: reason(), state };
    },
  },
  getAgentCapabilities: { rule: "read", setup: async () => ({ params: { id: (await identityOf("agent", w.a, w.backup)).identity.id } }) },
  revokeApiToken: {
    rule: "own-token",
    setup: async () => {
      const { id, state } = await apiTokenOf(w.a);
      return { params: { id }, state };
    },
  },

  getUser: { rule: "read", setup: async () => ({ params: { id: (await userOf()).user.id } }) },
  updateUser: { rule: "permission-only", setup: async () => ({ ...(await userTarget()), body: { name: `Renamed ${uniqueSuffix()}` } }) },
  deactivateUser: { rule: "permission-only", setup: async () => ({ ...(await userTarget()), body: {} }) },
  reactivateUser: { rule: "permission-only", setup: () => userTarget({ deactivated: true }) },
  resetUserPassword: { rule: "permission-only", setup: () => userTarget() },

  getCampaign: { rule: "read", setup: async () => ({ params: { id: (await draft()).campaign.id } }) },
  previewCampaign: { rule: "read", setup: async () => ({ params: { id: (await draft()).campaign.id } }) },
  listCampaignItems: { rule: "read", setup: async () => ({ params: { id: (await launched()).campaign.id }, query: "limit=5" }) },
  exportCampaignEvidence: { rule: "read", setup: async () => ({ params: { id: (await launched()).campaign.id }, query: "format=csv" }) },
  getCampaignStats: { rule: "read", setup: async () => ({ params: { id: (await launched()).campaign.id }, query: "view=totals" }) },
  updateCampaign: {
    rule: "permission-only",
    setup: async () => {
      const { campaign, state } = await draft();
      return { params: { id: campaign.id }, body: { name: `renamed ${uniqueSuffix()}` }, state };
    },
  },
  launchCampaign: {
    rule: "permission-only",
    setup: async () => {
      const { campaign, state } = await draft();
      // the route generates the items in the background: let that finish before the next call
      return { params: { id: campaign.id }, state, after: () => settled(campaign.id) };
    },
  },
  closeCampaign: {
    rule: "permission-only",
    setup: async () => {
      const { campaign, state } = await launched();
      return { params: { id: campaign.id }, body: reason(), state };
    },
  },
  decideReviewItem: {
    rule: "reviewer",
    setup: async () => {
      const { items, state } = await launched();
      return { params: { id: items[0]!.id }, body: { decision: "certify" }, state };
    },
  },

  getWebhook: { rule: "read", setup: async () => ({ params: { id: (await webhookOf(w.admin)).id } }) },
  updateWebhook: { rule: "permission-only", setup: async () => ({ ...(await idTarget(webhookOf(w.admin))), body: { description: `matrix ${uniqueSuffix()}` } }) },
  deleteWebhook: { rule: "permission-only", setup: () => idTarget(webhookOf(w.admin)) },
  retryNotification: { rule: "permission-only", setup: () => idTarget(failedNotification()) },
  getAuditSink: { rule: "read", setup: async () => ({ params: { id: (await auditSinkOf(w.admin)).id } }) },
  updateAuditSink: { rule: "permission-only", setup: async () => ({ ...(await idTarget(auditSinkOf(w.admin))), body: { name: `renamed ${uniqueSuffix()}` } }) },
  deleteAuditSink: { rule: "permission-only", setup: () => idTarget(auditSinkOf(w.admin)) },
  // enabled, towards a local receiver, so "retry now" really forwards
  retryAuditSink: {
    rule: "permission-only",
    setup: async () => {
      const sink = await auditSinkOf(w.admin, receiver.url);
      enabledSinks.push(sink.id);
      return { params: { id: sink.id }, state: async () => ({ ...((await sink.state()) as object), received: receiver.received() }) };
    },
  },
  getDelegationChain: {
    rule: "read",
    setup: async () => {
      const { identity } = await identityOf("server", w.a, w.backup);
      return { params: { id: (await db().auditEvent.findFirstOrThrow({ where: { targetId: identity.id } })).id } };
    },
  },
};

async function capabilityTagTarget(): Promise<Target> {
  const tag = `matrix-${uniqueSuffix()}`;
  await createCapabilityTag({ actor: w.admin.actor, input: { tag, name: "Matrix tag", description: "Made by the ownership matrix" } });
  const state = async () => ({ tag: await db().capabilityTag.findUnique({ where: { tag } }), events: await db().auditEvent.count({ where: { targetId: tag } }) });
  return { params: { tag }, state };
}

async function userTarget(options: { deactivated?: boolean } = {}): Promise<Target> {
  const { user, state } = await userOf(options);
  return { params: { id: user.id }, state };
}

async function idTarget(made: Promise<{ id: string; state: () => Promise<unknown> }>): Promise<Target> {
  const { id, state } = await made;
  return { params: { id }, state };
}

// Operations with a path parameter that the matrix deliberately leaves out, with the reason.
const NOT_OWNED = "trusted attesters are Warden-wide settings (settings:read / settings:manage); nobody owns them";
// who may decide or cancel an access request is not ownership of one object: the requester, the server's owners and admins each have their step (tests/integration/access-requests.test.ts covers every rule)
const ACCESS_REQUEST_RULES = "access requests follow the four-eyes rules of docs/separation-of-duties.md (requester, server owners, distinct admins), tested in tests/integration/access-requests.test.ts";
const EXCLUDED: Record<string, string> = { getAttester: NOT_OWNED, updateAttester: NOT_OWNED, revokeAttester: NOT_OWNED, getAccessRequest: ACCESS_REQUEST_RULES, decideAccessRequest: ACCESS_REQUEST_RULES, cancelAccessRequest: ACCESS_REQUEST_RULES };

const OWNER_PERMISSIONS = ROLE_PERMISSIONS.owner;

function principalsFor(needed: string): Principal[] {
  const holds = OWNER_PERMISSIONS.includes(needed as Permission);
  const other: Permission = needed === "identities:read" ? "identities:register" : "identities:read";
  const ownerToken = (who: People["a"], scope: Permission | null) => (scope ? who.scoped[scope]! : who.unscoped);
  return [
    { name: "anonymous", relation: "none", permissions: null, auth: {} },
    { name: "object owner (session)", relation: "owner", permissions: effectivePermissions(["owner"]), auth: { cookie: w.a.cookie } },
    { name: "backup owner (session)", relation: "backup", permissions: effectivePermissions(["owner"]), auth: { cookie: w.backup.cookie } },
    { name: "owner of other objects (session)", relation: "other", permissions: effectivePermissions(["owner"]), auth: { cookie: w.b.cookie } },
    {
      name: holds ? `object owner's token scoped to ${needed}` : `object owner's unscoped token (the owner role lacks ${needed})`,
      relation: "owner",
      permissions: effectivePermissions(["owner"], holds ? [needed as Permission] : null),
      auth: { bearer: ownerToken(w.a, holds ? (needed as Permission) : null) },
    },
    { name: `object owner's token scoped to ${other}`, relation: "owner", permissions: effectivePermissions(["owner"], [other]), auth: { bearer: w.a.scoped[other]! } },
    {
      name: holds ? `other owner's token scoped to ${needed}` : `other owner's unscoped token`,
      relation: "other",
      permissions: effectivePermissions(["owner"], holds ? [needed as Permission] : null),
      auth: { bearer: ownerToken(w.b, holds ? (needed as Permission) : null) },
    },
    { name: "auditor (session)", relation: "none", permissions: effectivePermissions(["auditor"]), auth: { cookie: w.auditor.cookie } },
    { name: "admin (session)", relation: "none", permissions: effectivePermissions(["admin"]), auth: { cookie: w.admin.cookie } },
  ];
}

function expectedStatus(operation: Operation, rule: Rule, success: number, principal: Principal): number {
  const has = (permission: Permission) => principal.permissions?.has(permission) ?? false;
  if (operation.permission === "public") return success;
  if (!principal.permissions) return 401;
  if (operation.permission !== "authenticated" && !has(operation.permission as Permission)) return 403;
  const owns = principal.relation === "owner" || principal.relation === "backup";
  switch (rule) {
    case "read":
    case "permission-only":
      return success;
    case "identity-change":
      if (has("identities:manage-any") || (has("identities:register") && owns)) return success;
      return has("identities:read") ? 403 : 404;
    case "grant-revoke":
      return has("grants:manage") || (has("identities:register") && owns) ? success : 403;
    case "own-token":
      return has("api-tokens:manage-all") || principal.relation === "owner" ? success : 404;
    case "reviewer":
      return principal.relation === "owner" ? success : 403;
  }
}

function invoke(handler: RouteHandler, operation: Operation, target: Target, principal: Principal) {
  let url = operation.path;
  for (const [name, value] of Object.entries(target.params)) url = url.replace(`{${name}}`, value);
  return call<{ code?: string }>(handler, { method: operation.method, path: `${url}${target.query ? `?${target.query}` : ""}`, params: target.params, body: target.body, ...principal.auth });
}

// The published document (GET /api/v1/openapi.json), read once at collection time.
const OPERATIONS: Operation[] = await publishedOperations();
const WITH_IDS = OPERATIONS.filter((operation) => operation.pathParams.length > 0);
const successOf = (operationId: string) => CONTRACTS.find((contract) => contract.operationId === operationId)?.response.status ?? 200;

beforeAll(async () => {
  // nothing here needs deliveries sent; launches would otherwise kick the dispatcher
  pauseNotificationKicks(true);
  mcp = await startMcpTestServer({ tools: [{ name: "matrix_discovered", description: "Found by discovery", annotations: { readOnlyHint: true } }] });
  receiver = await startReceiver();
  w = await seedPeople();
});

afterAll(async () => {
  await disableSinks(enabledSinks);
  await mcp?.close();
  await receiver?.close();
  pauseNotificationKicks(false);
});

describe("the endpoint list", () => {
  const key = (operation: { method: string; path: string; operationId: string; permission: string }) => `${operation.method} ${operation.path} ${operation.operationId} ${operation.permission}`;

  it("is the same in the OpenAPI document, the contracts and the route files", () => {
    expect(OPERATIONS.map(key).sort(), "the OpenAPI document and the contracts differ").toEqual(CONTRACTS.map((contract) => key(contract)).sort());
    for (const operation of OPERATIONS) {
      const params = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      expect(operation.pathParams, `${operation.operationId}: path parameters in the document`).toEqual(params);
    }
    expect(routePaths(), "route files without an operation, or operations without a route file").toEqual([...new Set(OPERATIONS.map((operation) => operation.path))].sort());
  });

  it("has an entry (or a justified exclusion) for every operation with a path parameter, and no stale ones", () => {
    expect(WITH_IDS.length).toBeGreaterThanOrEqual(57);
    const ids = WITH_IDS.map((operation) => operation.operationId);
    expect(ids.filter((id) => !(id in ENTRIES) && !(id in EXCLUDED)), "add these to ENTRIES in tests/integration/ownership-matrix.test.ts").toEqual([]);
    expect([...Object.keys(ENTRIES), ...Object.keys(EXCLUDED)].filter((id) => !ids.includes(id)), "these entries name no operation with a path parameter").toEqual([]);
    expect(Object.keys(ENTRIES).filter((id) => id in EXCLUDED), "both matrix entry and exclusion").toEqual([]);
  });
});

describe("ownership matrix", () => {
  for (const operation of WITH_IDS) {
    const entry = ENTRIES[operation.operationId];
    if (!entry) continue;
    it(`${operation.method} ${operation.path} (${operation.operationId}, ${operation.permission}, ${entry.rule})`, { timeout: 120_000 }, async () => {
      const handler = await handlerFor(operation);
      const mutates = operation.method !== "GET";
      const success = successOf(operation.operationId);
      const shared = mutates ? null : await entry.setup();
      const outcomes: string[] = [];
      const expected: string[] = [];
      const changes: string[] = [];
      for (const principal of principalsFor(operation.permission)) {
        // a mutation gets a fresh object per principal, so each call starts from the same state
        const target = shared ?? (await entry.setup());
        if (mutates) expect(target.state, `${operation.operationId}: a mutation's target needs a state reader`).toBeDefined();
        const before = await target.state?.();
        const result = await invoke(handler, operation, target, principal);
        await target.after?.();
        const want = expectedStatus(operation, entry.rule, success, principal);
        outcomes.push(`${principal.name}: ${result.status}`);
        expected.push(`${principal.name}: ${want}`);
        if (result.status >= 400) expect(result.body.code, `${principal.name}: ${result.text}`).toBe({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" }[result.status] ?? result.body.code);
        if (!mutates || !target.state) continue;
        const after = await target.state();
        const changed = !sameJson(after, before);
        if (result.status >= 400 && changed) changes.push(`${principal.name} was refused (${result.status}) but changed the object`);
        if (result.status < 400 && !changed) changes.push(`${principal.name} got ${result.status} but nothing changed`);
      }
      expect(outcomes).toEqual(expected);
      expect(changes).toEqual([]);
    });
  }
});

// The other way round: B names their own server or agent in the path and A's
// proposal, tool or key after it. Ownership of the first id must not reach
// objects that are not under it.
describe("another owner's ids under one's own object", () => {
  it("find nothing of A's under B's server or agent, and change nothing", { timeout: 60_000 }, async () => {
    const mine = await serverWithCatalog(w.b, null);
    const { identity: myAgent } = await identityOf("agent", w.b, null);
    const theirs = await serverWithCatalog(w.a, w.backup, { disabled: true });
    const { identity: theirAgent, state: theirAgentState } = await identityOf("agent", w.a, w.backup);
    const theirKey = await keyOf(theirAgent.id);
    const cases: [string, Record<string, string>, unknown, number][] = [
      ["getCatalogProposal", { id: mine.server.id, proposalId: theirs.proposalId }, undefined, 404],
      ["applyCatalogProposal", { id: mine.server.id, proposalId: theirs.proposalId }, undefined, 404],
      ["discardCatalogProposal", { id: mine.server.id, proposalId: theirs.proposalId }, undefined, 404],
      ["disableTool", { id: mine.server.id, toolId: theirs.tools.alpha }, reason(), 404],
      ["enableTool", { id: mine.server.id, toolId: theirs.tools.gamma! }, {}, 404],
      ["reviewTools", { id: mine.server.id }, { decisions: [{ toolId: theirs.tools.beta, tier: "read" }] }, 422],
      ["setToolCapabilities", { id: mine.server.id, toolId: theirs.tools.alpha }, { tags: ["untrusted-input"] }, 404],
      ["retireIdentityKey", { id: myAgent.id, keyId: theirKey }, { overlapDays: 1 }, 404],
      ["revokeIdentityKey", { id: myAgent.id, keyId: theirKey }, reason(), 404],
    ];
    const before = [await theirs.state(), await theirAgentState()];
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [operationId, params, body, status] of cases) {
      const operation = WITH_IDS.find((candidate) => candidate.operationId === operationId)!;
      for (const [name, auth] of [["session", { cookie: w.b.cookie }], ["API token", { bearer: w.b.unscoped }]] as const) {
        const result = await invoke(await handlerFor(operation), operation, { params, body }, { name, relation: "other", permissions: effectivePermissions(["owner"]), auth });
        outcomes.push(`${operationId} by B's ${name}: ${result.status}`);
        expected.push(`${operationId} by B's ${name}: ${status}`);
      }
    }
    expect(outcomes).toEqual(expected);
    expect([await theirs.state(), await theirAgentState()]).toEqual(before);
  });
});

// The matrix's grants have one owner on both sides; the rule names either side.
describe("grant revocation by either side's owner", () => {
  it("the agent's owner and the server's owner may revoke it; someone who owns neither may not", { timeout: 60_000 }, async () => {
    const operation = WITH_IDS.find((candidate) => candidate.operationId === "revokeGrant")!;
    const handler = await handlerFor(operation);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [agentOwner, serverOwner, label] of [[w.a, w.b, "agent A's, server B's"], [w.b, w.a, "agent B's, server A's"]] as const) {
      for (const [name, who, want] of [["A", w.a, 200], ["B", w.b, 200], ["someone else", w.backup, 403]] as const) {
        const { grant, state } = await grantOf(agentOwner, serverOwner, null);
        const before = await state();
        const result = await invoke(handler, operation, { params: { id: grant.id }, body: reason() }, { name, relation: "none", permissions: effectivePermissions(["owner"]), auth: { cookie: who.cookie } });
        const after = await state();
        outcomes.push(`${label}, by ${name}: ${result.status}${result.status === 200 ? (after.grant.revokedAt ? "" : " (not revoked)") : sameJson(after, before) ? "" : " (changed)"}`);
        expected.push(`${label}, by ${name}: ${want}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

// One endpoint takes its object in the body rather than the path: revoking an
// access token (POST /api/v1/tokens/revoke) is for admins and the owners of
// the token's agent (lib/oauth/revoke-token-as-user.ts).
describe("access token revocation by the agent's owner", () => {
  it("the agent's owner and admins revoke its token; another owner may not", { timeout: 60_000 }, async () => {
    const contract = CONTRACTS.find((candidate) => candidate.operationId === "revokeAccessToken")!;
    const operation: Operation = { operationId: contract.operationId, method: contract.method, path: contract.path, permission: contract.permission, pathParams: [] };
    const handler = await handlerFor(operation);
    const f = await oauthFixture();
    const ownerCookie = (await sessionCookieFor(f.owner.id)).cookie;
    const outcomes: string[] = [];
    for (const [name, cookie] of [["another owner", w.b.cookie], ["the agent's owner", ownerCookie], ["an admin", w.admin.cookie]] as const) {
      const issued = await agentToken(f);
      const token = String(issued.body.access_token);
      const result = await invoke(handler, operation, { params: {}, body: { token, reason: "ownership matrix" } }, { name, relation: "none", permissions: null, auth: { cookie } });
      const { jti } = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { jti: string };
      outcomes.push(`${name}: ${result.status}, revoked: ${(await db().revokedToken.count({ where: { jti } })) === 1}`);
    }
    expect(outcomes).toEqual(["another owner: 403, revoked: false", "the agent's owner: 200, revoked: true", "an admin: 200, revoked: true"]);
  });
});
