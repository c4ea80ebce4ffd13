// The posture dashboard past SQLite's 999 bound parameters: more than 999
// active servers reporting calls, and an owner of more than 999 agents with a
// toxic-combination finding. Both cards once passed those ids to Prisma as an
// `in` list, which SQLite refuses (P2029) — the benchmark's mine view failed
// on it. Rows are inserted with createMany: only the counts are under test.
import { describe, expect, it } from "vitest";
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { getPosture } from "@/lib/posture/get-posture";
import { listCardItems } from "@/lib/posture/list-card-items";
import type { TPosture } from "@/lib/posture/schemas";
import { seedUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const SERVERS = 1_100;
const REPORTING = 1_050;
const AGENTS = 1_020;
const FLAGGED = 1_005;
const pad = (n: number) => String(n).padStart(5, "0");

const cardOf = (posture: TPosture, id: string) => posture.groups.flatMap((group) => group.cards).find((card) => card.id === id);

describe("posture dashboard at more than 999 identities", () => {
  it("counts reporting servers and an owner's toxic findings without a bound parameter per identity", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const admin = await seedUser({ role: "admin" });
        const owner = await seedUser({ role: "owner" });
        const now = new Date();
        const base = { status: "active" as const, environment: "production" as const, ownerId: owner.id };
        await db().identity.createMany({
          data: Array.from({ length: SERVERS }, (_, i) => ({ ...base, id: `srv_${pad(i)}`, kind: "server" as const, slug: `srv-${i}`, name: `Server ${i}`, resourceUri: `https://mcp.example.test/s${i}`, searchText: `server ${i}` })),
        });
        await db().identity.createMany({
          data: Array.from({ length: AGENTS }, (_, i) => ({ ...base, id: `agt_${pad(i)}`, kind: "agent" as const, slug: `agt-${i}`, name: `Agent ${i}`, clientId: `agent-${i}`, searchText: `agent ${i}` })),
        });
        const policy = await db().toxicPolicy.create({ data: { id: "tox_1", name: "Read secrets and send mail", tags: ["secrets.read", "email.send"], mode: "flag" } });
        await db().toxicFinding.createMany({ data: Array.from({ length: FLAGGED }, (_, i) => ({ id: `tf_${pad(i)}`, agentId: `agt_${pad(i)}`, policyId: policy.id, tools: [] })) });
        const events: AuditInput[] = Array.from({ length: REPORTING }, (_, i) => ({
          action: "mcp.decision",
          at: new Date(now.getTime() - 60_000),
          outcome: "success",
          actor: { type: "identity", id: null, label: "fixture" },
          target: { type: "identity", id: `srv_${pad(i)}` },
          details: { serverId: `srv_${pad(i)}` },
        }));
        await transact((tx) => appendAuditEvents(tx, events));

        const estate = await getPosture({ actor: admin.actor, query: { view: "estate" }, now });
        expect(cardOf(estate, "servers-reporting")).toMatchObject({ value: REPORTING, total: SERVERS, severity: "warning" });
        expect(cardOf(estate, "toxic-combinations")).toMatchObject({ value: FLAGGED });
        const mine = await getPosture({ actor: owner.actor, query: { view: "mine" }, now });
        expect(cardOf(mine, "toxic-combinations")).toMatchObject({ value: FLAGGED, severity: "critical" });

        // the drill-downs: the silent servers (all of them, in id order), and the owner's findings up to the limit
        const silent = await listCardItems({ actor: admin.actor, query: { card: "servers-reporting" }, now });
        expect(silent.items.map((item) => item.id)).toEqual(Array.from({ length: SERVERS - REPORTING }, (_, i) => `srv_${pad(REPORTING + i)}`));
        expect(silent.truncated).toBe(false);
        const findings = await listCardItems({ actor: owner.actor, query: { card: "toxic-combinations", view: "mine", limit: 500 }, now });
        expect(findings.items).toHaveLength(500);
        expect(findings.truncated).toBe(true);
      });
    });
  }, 120_000);
});
