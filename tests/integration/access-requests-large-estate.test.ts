// The access-request inbox of people who own more than 999 identities. The
// "waiting" view once loaded the ids of every server (owners) or agent (admins)
// the viewer owns and passed them to Prisma as an `in` / `notIn` list, which
// SQLite refuses past 999 bound parameters (P2029): the inbox failed. Rows are
// inserted with createMany; the listing, its order and its total are under test.
import { describe, expect, it } from "vitest";
import { listAccessRequests } from "@/lib/access-requests/list-access-requests";
import { ZListAccessRequestsQuery } from "@/lib/access-requests/schemas";
import { db } from "@/lib/db/client";
import { seedUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const SERVERS = 1_050;
const AGENTS = 1_020;
const pad = (n: number) => String(n).padStart(26, "0");
const requestId = (kind: string, n: number) => `arq_${kind}${pad(n).slice(1)}`;

describe("access-request inbox at more than 999 owned identities", () => {
  it("lists and counts the waiting requests of an owner of 1,050 servers and of an admin owning 1,020 agents", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const [owner, admin, requester] = await Promise.all([seedUser({ role: "owner" }), seedUser({ role: "admin" }), seedUser({ role: "owner" })]);
        const now = new Date();
        const identity = (kind: "server" | "agent", prefix: string, i: number, ownerId: string) => ({
          id: `${prefix}_${pad(i)}`,
          kind,
          slug: `${prefix}-${i}`,
          name: `${kind} ${i}`,
          status: "active" as const,
          ownerId,
          searchText: `${kind} ${i}`,
          ...(kind === "server" ? { resourceUri: `https://mcp.example.test/${prefix}/${i}` } : { clientId: `${prefix}-${i}` }),
        });
        // the owner's servers, one server someone else owns; the admin's agents, one agent the requester owns
        await db().identity.createMany({ data: [...Array.from({ length: SERVERS }, (_, i) => identity("server", "srv", i, owner.id)), identity("server", "srv", SERVERS, requester.id)] });
        await db().identity.createMany({ data: [...Array.from({ length: AGENTS }, (_, i) => identity("agent", "agt", i, admin.id)), identity("agent", "agt", AGENTS, requester.id)] });
        const otherAgent = `agt_${pad(AGENTS)}`;
        const request = (id: string, agentId: string, serverId: string, extra: Record<string, unknown> = {}) => ({
          id,
          agentId,
          serverId,
          requestedById: requester.id,
          justification: "needs it for the nightly job",
          expiresAt: new Date(now.getTime() + 86_400_000),
          ...extra,
        });
        // one request waiting for the owner step per owned server, and one on the server the owner does not own
        await db().accessRequest.createMany({ data: [...Array.from({ length: SERVERS + 1 }, (_, i) => request(requestId("o", i), otherAgent, `srv_${pad(i)}`))] });
        // waiting for the second admin: one per agent the admin owns (which the admin may not confirm) and 3 for the requester's agent
        const second = [...Array.from({ length: AGENTS }, (_, i) => request(requestId("a", i), `agt_${pad(i)}`, `srv_${pad(SERVERS)}`, { secondApprovalRequired: true })), ...[0, 1, 2].map((i) => request(requestId("x", i), otherAgent, `srv_${pad(SERVERS)}`, { secondApprovalRequired: true }))];
        await db().accessRequest.createMany({ data: second });
        await db().accessRequestApproval.createMany({ data: second.map((row, i) => ({ id: `ara_${pad(i)}`, requestId: row.id, step: "owner", approverId: requester.id, decision: "approve" })) });

        const query = ZListAccessRequestsQuery.parse({ view: "waiting", limit: 100 });
        const mine = await listAccessRequests({ actor: owner.actor, query, now });
        expect(mine.total).toBe(SERVERS);
        expect(mine.items.map((item) => item.id)).toEqual(Array.from({ length: 100 }, (_, i) => requestId("o", SERVERS - 1 - i)));
        expect(mine.nextCursor).toBe(requestId("o", SERVERS - 100));

        // the admin decides the owner step anywhere and the second approval only for agents they do not own
        const waiting = await listAccessRequests({ actor: admin.actor, query, now });
        expect(waiting.total).toBe(SERVERS + 1 + 3);
        expect(waiting.items.map((item) => item.id)).toEqual([...[2, 1, 0].map((i) => requestId("x", i)), ...Array.from({ length: 97 }, (_, i) => requestId("o", SERVERS - i))]);
      });
    });
  }, 120_000);
});
