// Revocation reach for an agent holding grants on 1,000 servers. The gateways
// fronting an affected server were once looked up with the affected servers as
// an `in` list, which SQLite refuses past 999 bound parameters (P2029): the
// revocations list failed. Rows are inserted with createMany; the reach counts
// are under test.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { listRevocations } from "@/lib/policy/status/list-revocations";
import { seedUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const SERVERS = 1_000;
const pad = (n: number) => String(n).padStart(26, "0");
const srv = (n: number) => `srv_${pad(n)}`;

describe("revocation reach at more than 999 affected servers", () => {
  it("counts the gateways fronting any of the 1,000 servers an agent held grants on", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const owner = await seedUser({ role: "owner" });
        const base = { status: "active" as const, ownerId: owner.id };
        // the agent's servers, plus one it holds no grant on
        await db().identity.createMany({
          data: Array.from({ length: SERVERS + 1 }, (_, i) => ({ ...base, id: srv(i), kind: "server" as const, slug: `srv-${i}`, name: `Server ${i}`, resourceUri: `https://mcp.example.test/${i}`, searchText: `server ${i}` })),
        });
        const agent = `agt_${pad(1)}`;
        await db().identity.create({ data: { ...base, id: agent, kind: "agent", slug: "agent", name: "Agent", clientId: "agent", status: "revoked", searchText: "agent" } });
        await db().grant.createMany({ data: Array.from({ length: SERVERS }, (_, i) => ({ id: `grt_${pad(i)}`, agentId: agent, serverId: srv(i), justification: "fixture" })) });
        const gateway = (n: number, extra: { status?: "active" | "suspended"; frontsAllServers?: boolean } = {}) => ({ ...base, id: `gwy_${pad(n)}`, kind: "gateway" as const, slug: `gw-${n}`, name: `Gateway ${n}`, searchText: `gateway ${n}`, ...extra });
        // 1 enforces revision 12 and fronts the last server; 2 is behind and fronts the first; 3 fronts every server
        // and has not reported; 4 fronts only the server without a grant; 5 fronts one but is suspended
        await db().identity.createMany({ data: [gateway(1), gateway(2), gateway(3, { frontsAllServers: true }), gateway(4), gateway(5, { status: "suspended" })] });
        await db().gatewayServer.createMany({
          data: [
            { gatewayId: `gwy_${pad(1)}`, serverId: srv(SERVERS - 1) },
            { gatewayId: `gwy_${pad(2)}`, serverId: srv(0) },
            { gatewayId: `gwy_${pad(4)}`, serverId: srv(SERVERS) },
            { gatewayId: `gwy_${pad(5)}`, serverId: srv(5) },
          ],
        });
        const reportedAt = new Date();
        await db().enforcementStatus.createMany({
          data: [1, 2, 4, 5].map((n) => ({ identityId: `gwy_${pad(n)}`, revision: n === 2 ? 9n : 12n, reportedAt, errors: [], version: "test/1" })),
        });
        await db().revocation.createMany({
          data: [
            { id: `rvk_${pad(1)}`, subjectType: "identity", subjectId: agent, identityId: agent, reason: "offboarded", revision: 10n },
            { id: `rvk_${pad(2)}`, subjectType: "grant", subjectId: `grt_${pad(0)}`, identityId: agent, reason: "narrowed", revision: 11n },
          ],
        });

        const page = await listRevocations({ actor: SYSTEM_ACTOR, limit: 100 });
        expect(page.items.map((item) => [item.id, item.reach])).toEqual([
          // the grant on the first server: gateways 2 (behind) and 3 (silent)
          [`rvk_${pad(2)}`, { reached: 0, total: 2 }],
          // the agent: gateways 1 (enforcing), 2 (behind) and 3 (silent)
          [`rvk_${pad(1)}`, { reached: 1, total: 3 }],
        ]);
      });
    });
  }, 60_000);
});
