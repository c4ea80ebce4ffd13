// How far a revocation has reached: of the active gateways that front an
// affected server, how many report enforcing a policy revision that contains
// it (EnforcementStatus.revision ≥ Revocation.revision). Affected servers: the
// server itself, or the servers an agent holds (or held) grants on; resources
// and gateways affect no server, so their revocations have no gateways to reach.
import { db } from "@/lib/db/client";

export type Reach = { reached: number; total: number };
type RevocationRef = { id: string; identityId: string; revision: bigint | null };

export async function revocationReach(revocations: RevocationRef[]): Promise<Map<string, Reach | null>> {
  const result = new Map<string, Reach | null>();
  if (revocations.length === 0) return result;
  const identityIds = [...new Set(revocations.map((revocation) => revocation.identityId))];
  const identities = await db().identity.findMany({ where: { id: { in: identityIds } }, select: { id: true, kind: true } });
  const grants = await db().grant.findMany({ where: { agentId: { in: identityIds } }, select: { agentId: true, serverId: true }, distinct: ["agentId", "serverId"] });
  const serversOf = new Map<string, string[]>();
  for (const identity of identities) if (identity.kind === "server") serversOf.set(identity.id, [identity.id]);
  for (const grant of grants) serversOf.set(grant.agentId, [...(serversOf.get(grant.agentId) ?? []), grant.serverId]);
  const allServers = [...new Set([...serversOf.values()].flat())];
  const gateways = await db().identity.findMany({
    where: { kind: "gateway", status: "active", OR: [{ frontsAllServers: true }, { frontedServers: { some: { serverId: { in: allServers } } } }] },
    select: { id: true, frontsAllServers: true, frontedServers: { select: { serverId: true } }, enforcementStatus: { select: { revision: true } } },
  });
  for (const revocation of revocations) {
    const servers = new Set(serversOf.get(revocation.identityId) ?? []);
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
