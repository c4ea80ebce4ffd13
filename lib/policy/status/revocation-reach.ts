// How far a revocation has reached: of the active gateways that front an
// affected server, how many report enforcing a policy revision that contains
// it (EnforcementStatus.revision ≥ Revocation.revision). Affected servers: a
// revoked server (or its key) itself; for a grant, its server; for an agent,
// its key or one of its tokens, the servers it holds (or held) grants on.
// Resources and gateways affect no server: their revocations have none to reach.
import { db } from "@/lib/db/client";

export type Reach = { reached: number; total: number };
type RevocationRef = { id: string; subjectType: string; subjectId: string; identityId: string; revision: bigint | null };

export async function revocationReach(revocations: RevocationRef[]): Promise<Map<string, Reach | null>> {
  const result = new Map<string, Reach | null>();
  if (revocations.length === 0) return result;
  const identityIds = [...new Set(revocations.map((revocation) => revocation.identityId))];
  const identities = await db().identity.findMany({ where: { id: { in: identityIds } }, select: { id: true, kind: true } });
  const grants = await db().grant.findMany({ where: { agentId: { in: identityIds } }, select: { agentId: true, serverId: true }, distinct: ["agentId", "serverId"] });
  const serversOf = new Map<string, string[]>();
  for (const identity of identities) if (identity.kind === "server") serversOf.set(identity.id, [identity.id]);
  for (const grant of grants) serversOf.set(grant.agentId, [...(serversOf.get(grant.agentId) ?? []), grant.serverId]);
  const grantIds = revocations.filter((revocation) => revocation.subjectType === "grant").map((revocation) => revocation.subjectId);
  const serverOfGrant = new Map((await db().grant.findMany({ where: { id: { in: grantIds } }, select: { id: true, serverId: true } })).map((grant) => [grant.id, grant.serverId]));
  const affected = (revocation: RevocationRef): string[] => {
    if (revocation.subjectType === "grant") return serverOfGrant.has(revocation.subjectId) ? [serverOfGrant.get(revocation.subjectId)!] : [];
    return serversOf.get(revocation.identityId) ?? [];
  };
  // every active gateway (there are few), matched to the affected servers below: a filter on the
  // affected servers would bind one parameter per server, past SQLite's 999 for an agent with grants on many
  const gateways = await db().identity.findMany({
    where: { kind: "gateway", status: "active" },
    select: { id: true, frontsAllServers: true, frontedServers: { select: { serverId: true } }, enforcementStatus: { select: { revision: true } } },
  });
  for (const revocation of revocations) {
    const servers = new Set(affected(revocation));
    if (servers.size === 0 || revocation.revision === null) {
      result.set(revocation.id, null);
      continue;
    }
    const fronting = gateways.filter((gateway) => gateway.frontsAllServers || gateway.frontedServers.some((row) => servers.has(row.serverId)));
    const reached = fronting.filter((gateway) => gateway.enforcementStatus?.revision != null && gateway.enforcementStatus.revision >= revocation.revision!).length;
    result.set(revocation.id, { reached, total: fronting.length });
  }
  return result;
}
