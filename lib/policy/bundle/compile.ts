// Compiles the policy bundle document for one enforcement point's view from the
// database. Consistency without a long transaction: every change that the
// bundle reflects moves the policy revision in the same transaction
// (lib/policy/revision.ts), so when the revision reads the same before and
// after the data, the data is exactly that revision's; otherwise compile again.
// Nothing depends on the clock: what expires (grants, revoked tokens) is
// published with its expiry and left to the enforcement point, and revoked
// tokens are cut off at the revision's own time, so the same revision and view
// always give the same document.
import { db } from "@/lib/db/client";
import { ISSUER, JWKS_URI } from "@/lib/oauth/config";
import { hardwareRequiredFor } from "@/lib/oauth/attestation/hardware-policy";
import { POLICY_BUNDLE_VERSION, type PolicyBundle } from "@/lib/policy/bundle/document";
import { loadBundleGrants } from "@/lib/policy/bundle/load-grants";
import { sharedLoad } from "@/lib/policy/bundle/shared-loads";
import { readSettings } from "@/lib/settings/get-settings";
import { isPublished } from "@/lib/signing-keys/key-store";

/** Whose view: a gateway (the servers it fronts, or all) or an MCP server (itself). */
export type BundleView = { audience: string; serverIds: string[] | "all" };

// a busy instance moves the revision often; each attempt is one load, shared with other views
const MAX_ATTEMPTS = 10;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The view of an enforcement point, or null when it is not one (or not usable). */
export async function viewOf(identityId: string): Promise<BundleView | null> {
  const identity = await db().identity.findUnique({ where: { id: identityId }, select: { id: true, kind: true, status: true, frontsAllServers: true, frontedServers: { select: { serverId: true } } } });
  if (!identity || identity.status !== "active") return null;
  if (identity.kind === "server") return { audience: identity.id, serverIds: [identity.id] };
  if (identity.kind !== "gateway") return null;
  return { audience: identity.id, serverIds: identity.frontsAllServers ? "all" : identity.frontedServers.map((row) => row.serverId).sort() };
}

async function revisionNow(): Promise<{ revision: bigint; changedAt: Date }> {
  const row = await db().policyState.findUniqueOrThrow({ where: { id: 1 }, select: { revision: true, changedAt: true } });
  return row;
}

async function load(view: BundleView, changedAt: Date) {
  const prisma = db();
  const serverWhere = view.serverIds === "all" ? { kind: "server" as const } : { kind: "server" as const, id: { in: view.serverIds } };
  const servers = await prisma.identity.findMany({
    where: serverWhere,
    // no orderBy on the nested tools: with one, Prisma cannot split the query under SQLite's 999 bind values (sorted below)
    select: { id: true, resourceUri: true, status: true, tools: { select: { name: true, scope: true, tier: true, status: true, removedAt: true } } },
  });
  const serverIds = servers.map((server) => server.id);
  const grants = await loadBundleGrants(view.serverIds === "all" ? "all" : serverIds);
  const agentIds = [...new Set(grants.map((grant) => grant.agentId))];
  const agents = await prisma.identity.findMany({ where: { id: { in: agentIds } }, select: { id: true, kind: true, clientId: true, status: true, tokenBinding: true, hardwareKeysRequired: true, environment: true } });
  const hardwareEnvironments = (await readSettings(prisma)).hardwareKeysRequiredEnvironments;
  const policies = await prisma.exchangePolicy.findMany({
    where: { serverId: { in: serverIds }, revokedAt: null },
    select: { id: true, serverId: true, resourceId: true, scopes: true, maxDepth: true, resource: { select: { resourceUri: true } } },
  });
  const identityIds = [...serverIds, ...agentIds];
  const revokedKeys = await prisma.identityKey.findMany({ where: { identityId: { in: identityIds }, status: "revoked" }, select: { identityId: true, kid: true, thumbprint: true } });
  const revokedTokens = await prisma.revokedToken.findMany({ where: { agentId: { in: agentIds }, expiresAt: { gt: changedAt } }, select: { jti: true, expiresAt: true } });
  // published as of the revision's time (rotations move the revision)
  const signingKeys = await prisma.signingKey.findMany({ where: { status: { in: ["next", "active", "retiring"] } }, select: { kid: true, status: true, publishUntil: true } });
  const kids = signingKeys.filter((key) => isPublished(key, changedAt)).map((key) => key.kid);
  return { servers, grants, agents, policies, revokedKeys, revokedTokens, kids, hardwareEnvironments };
}

/**
 * The document, with every object's keys written in sorted order (as
 * canonicalJson sorts them), so JSON.stringify gives the canonical payload:
 * a quarter of the cost of canonicalJson on a 33 MiB bundle. The policy-bundle
 * test asserts the two agree on a bundle with every section filled.
 */
function assemble(view: BundleView, revision: bigint, changedAt: Date, data: Awaited<ReturnType<typeof load>>): PolicyBundle {
  const { servers, grants, agents, policies, revokedKeys, revokedTokens, kids, hardwareEnvironments } = data;
  const revokedIdentities = [...servers, ...agents].filter((identity) => identity.status === "revoked").map((identity) => identity.id);
  return {
    agents: [...agents].sort(byId).map((agent) => ({
      binding: agent.tokenBinding,
      clientId: agent.clientId,
      dpopRequired: agent.tokenBinding === "dpop",
      hardwareKeysRequired: hardwareRequiredFor(agent, hardwareEnvironments),
      id: agent.id,
      status: agent.status,
    })),
    audience: view.audience,
    exchangePolicies: [...policies]
      .sort(byId)
      .map((policy) => ({ id: policy.id, maxDepth: policy.maxDepth, resourceId: policy.resourceId, resourceUri: policy.resource.resourceUri, scopes: [...(policy.scopes as string[])].sort(), serverId: policy.serverId })),
    // a suspended grant (toxic-combination policy in block mode) is left out until lifted: it may come back, so it is not "revoked"
    grants: grants
      .filter((grant) => !grant.revokedAt && !grant.suspendedAt)
      .sort(byId)
      .map((grant) => ({ agentId: grant.agentId, expiresAt: grant.expiresAt?.toISOString() ?? null, id: grant.id, scopes: [...grant.scopes].sort(), serverId: grant.serverId })),
    iat: Math.floor(changedAt.getTime() / 1000),
    iss: ISSUER(),
    issuedAt: changedAt.toISOString(),
    jwksUri: JWKS_URI(),
    revision: Number(revision),
    revoked: {
      grants: grants
        .filter((grant) => grant.revokedAt)
        .map((grant) => grant.id)
        .sort(),
      identities: revokedIdentities.sort(),
      keys: [...revokedKeys]
        .sort((a, b) => (a.thumbprint < b.thumbprint ? -1 : a.thumbprint > b.thumbprint ? 1 : 0))
        .map((key) => ({ identityId: key.identityId, kid: key.kid, thumbprint: key.thumbprint })),
      tokens: [...revokedTokens].sort((a, b) => (a.jti < b.jti ? -1 : a.jti > b.jti ? 1 : 0)).map((token) => ({ expiresAt: token.expiresAt.toISOString(), jti: token.jti })),
    },
    servers: [...servers].sort(byId).map((server) => ({
      id: server.id,
      resourceUri: server.resourceUri,
      status: server.status,
      tools: [...server.tools]
        .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0))
        .map((tool) => ({ name: tool.name, scope: tool.scope, status: tool.removedAt ? "removed" : tool.status, tier: tool.tier })),
    })),
    signingKeyIds: [...kids].sort(),
    version: POLICY_BUNDLE_VERSION,
  };
}

// one load per server set and revision, shared by the views that cover it (shared-loads.ts)
const loadShared = (view: BundleView, at: { revision: bigint; changedAt: Date }) =>
  sharedLoad(view.serverIds === "all" ? "*" : view.serverIds.join(","), at.revision, () => load(view, at.changedAt));

/** The bundle document of `view` at the current revision. */
export async function compileBundle(view: BundleView): Promise<PolicyBundle> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const before = await revisionNow();
    const data = await loadShared(view, before);
    const after = await revisionNow();
    if (after.revision === before.revision) return assemble(view, before.revision, before.changedAt, data);
  }
  throw new Error(`The policy kept changing while the bundle compiled (${MAX_ATTEMPTS} attempts)`);
}
