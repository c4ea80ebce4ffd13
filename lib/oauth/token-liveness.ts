// Whether a token Warden issued still stands. Signature and expiry are not
// enough: revoking the token, any token it was exchanged from, its agent, the
// grant behind the original token, or any server or exchange policy along the
// delegation chain makes it inactive at once, so introspection and token
// exchange check here.
import { db } from "@/lib/db/client";
import { effectiveGrantToolWhere } from "@/lib/grants/effective-access";
import type { AccessTokenClaims, ActClaim } from "@/lib/oauth/access-token";

export type Liveness = { live: true } | { live: false; reason: string };

const DEAD = (reason: string): Liveness => ({ live: false, reason });
const split = (scope: string | undefined) => (scope ? scope.split(" ").filter(Boolean) : []);

/** The acting servers, innermost (the original token's audience) first. */
function actors(act: ActClaim | undefined): string[] {
  const chain: string[] = [];
  for (let link = act; link; link = link.act) chain.unshift(link.sub);
  return chain;
}

/** The tool scopes, of those the agent was issued on this server, that it no longer holds. */
async function lostScopes(agentId: string, serverId: string, scopes: string[], now: Date): Promise<string[]> {
  if (scopes.length === 0) return [];
  const base = effectiveGrantToolWhere(now);
  const granted = await db().grantTool.findMany({ where: { ...base, scope: { in: scopes }, grant: { ...base.grant, agentId, serverId } }, select: { scope: true } });
  const held = new Set(granted.map((row) => row.scope));
  return scopes.filter((scope) => !held.has(scope));
}

export async function tokenLiveness(claims: AccessTokenClaims, now = new Date()): Promise<Liveness> {
  const ancestry = claims.wdn_chain ?? (claims.wdn_parent_jti ? [claims.wdn_parent_jti] : []);
  const servers = actors(claims.act);
  const [revoked, agent, identities, audience] = await Promise.all([
    db().revokedToken.findFirst({ where: { jti: { in: [claims.jti, ...ancestry] } }, select: { jti: true } }),
    db().identity.findUnique({ where: { id: claims.sub }, select: { status: true, kind: true } }),
    servers.length ? db().identity.findMany({ where: { id: { in: servers } }, select: { id: true, kind: true, status: true, resourceUri: true } }) : Promise.resolve([]),
    db().identity.findUnique({ where: { resourceUri: claims.aud }, select: { id: true, kind: true, status: true } }),
  ]);
  if (revoked) return DEAD(revoked.jti === claims.jti ? "the token was revoked" : "a token it was exchanged from was revoked");
  if (!agent || agent.kind !== "agent" || agent.status !== "active") return DEAD("its agent is not active");
  if (!audience || audience.status !== "active") return DEAD("its audience is not active");

  if (servers.length === 0) {
    if (audience.kind !== "server") return DEAD("its MCP server is not active");
    const lost = await lostScopes(claims.sub, audience.id, split(claims.scope), now);
    return lost.length ? DEAD(`no longer granted: ${lost.join(" ")}`) : { live: true };
  }

  // an exchanged token: every server along the chain, every hop's exchange
  // policy, and the grant behind the original token must still stand
  const byId = new Map(identities.map((identity) => [identity.id, identity]));
  if (servers.some((id) => byId.get(id)?.status !== "active")) return DEAD("a server along its delegation chain is not active");
  const hops = servers.map((serverId, index) => ({ serverId, targetId: index + 1 < servers.length ? servers[index + 1]! : audience.id }));
  const policies = await db().exchangePolicy.findMany({ where: { serverId: { in: servers }, revokedAt: null }, select: { serverId: true, resourceId: true } });
  const standing = new Set(policies.map((policy) => `${policy.serverId} ${policy.resourceId}`));
  if (hops.some((hop) => !standing.has(`${hop.serverId} ${hop.targetId}`))) return DEAD("an exchange policy along its delegation chain was revoked");
  const origin = byId.get(servers[0]!)!;
  if (origin.kind !== "server") return DEAD("its original MCP server is not active");
  const lost = await lostScopes(claims.sub, origin.id, split(claims.wdn_origin_scope), now);
  return lost.length ? DEAD(`the original token's grant no longer covers: ${lost.join(" ")}`) : { live: true };
}
