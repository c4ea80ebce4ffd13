// The bearer-servers card's fast count (lib/posture/token-cards.ts, driven from
// the Bearer agents) against the card's definition, on both databases: one
// server per condition of "a Bearer agent has effective access here", so
// dropping any condition from the hand-written SQL changes the number.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { countRows } from "@/lib/posture/count-rows";
import { postureScope } from "@/lib/posture/scope";
import { TOKEN_CARDS } from "@/lib/posture/token-cards";
import { seedIdentity, seedUser, type SeededUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000);

/** A server with one approved read tool (and one left unclassified); returns the server and both tool ids. */
async function server(owner: SeededUser): Promise<{ id: string; read: string; unclassified: string }> {
  const id = (await seedIdentity({ kind: "server", owner })).id;
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId: id, input: { source: "manual", tools: ["read_ledger", "mystery"].map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: id, proposalId: proposal.id });
  const tools = await db().tool.findMany({ where: { serverId: id } });
  const read = tools.find((tool) => tool.name === "read_ledger")!.id;
  await reviewTools({ actor: SYSTEM_ACTOR, serverId: id, input: { decisions: [{ toolId: read, tier: "read" }] } });
  return { id, read, unclassified: tools.find((tool) => tool.name === "mystery")!.id };
}

describe("servers accepting Bearer tokens", () => {
  it("counts what the card's definition lists, estate-wide and in an owner's view", async () => {
    await withFreshDatabase((_client, target) =>
      withGlobalDatabase(target, async () => {
        const [o1, o2] = [await seedUser(), await seedUser()];
        const admin = await seedUser({ role: "admin" });
        const bearer = async (owner: SeededUser) => (await seedIdentity({ kind: "agent", owner, extra: { tokenBinding: "bearer" } })).id;
        const grant = async (agentId: string, serverId: string, toolIds: string[]) => (await createGrant({ actor: SYSTEM_ACTOR, input: { agentId, serverId, toolIds, justification: "bearer servers fixture" }, now: NOW })).id;

        const counted = await server(o1); // a Bearer agent's grant: counted
        await grant(await bearer(o2), counted.id, [counted.read]);
        const backedUp = await server(o2); // counted; o1's as backup owner
        await db().identity.update({ where: { id: backedUp.id }, data: { backupOwnerId: o1.id } });
        await grant(await bearer(o2), backedUp.id, [backedUp.read]);
        const dpopOnly = await server(o1); // a DPoP agent only: not counted
        await grant((await seedIdentity({ kind: "agent", owner: o1 })).id, dpopOnly.id, [dpopOnly.read]);
        const expired = await server(o1); // the Bearer grant expired: not counted
        await db().grant.update({ where: { id: await grant(await bearer(o1), expired.id, [expired.read]) }, data: { expiresAt: new Date(NOW.getTime() - DAY) } });
        const revoked = await server(o1); // the Bearer grant revoked: not counted
        await revokeGrant({ actor: SYSTEM_ACTOR, grantId: await grant(await bearer(o1), revoked.id, [revoked.read]), input: { reason: "fixture" } });
        const suspendedGrant = await server(o1); // the Bearer grant suspended (toxic combination): not counted
        await db().grant.update({ where: { id: await grant(await bearer(o1), suspendedGrant.id, [suspendedGrant.read]) }, data: { suspendedAt: NOW } });
        const narrowed = await server(o1); // its only scope narrowed away: not counted
        const narrowedGrant = await grant(await bearer(o1), narrowed.id, [narrowed.read]);
        await db().grantTool.update({ where: { grantId_toolId: { grantId: narrowedGrant, toolId: narrowed.read } }, data: { revokedAt: NOW } });
        const removedTool = await server(o1); // its only tool no longer reported: not counted
        await grant(await bearer(o1), removedTool.id, [removedTool.read]);
        await db().tool.update({ where: { id: removedTool.read }, data: { removedAt: NOW } });
        const suspendedAgent = await server(o1); // the Bearer agent suspended: not counted
        const sleeper = await bearer(o1);
        await grant(sleeper, suspendedAgent.id, [suspendedAgent.read]);
        await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: sleeper, change: "suspend", reason: "fixture" });
        const suspendedServer = await server(o1); // the server suspended: not counted
        await grant(await bearer(o1), suspendedServer.id, [suspendedServer.read]);
        await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: suspendedServer.id, change: "suspend", reason: "fixture" });
        const twice = await server(o2); // two Bearer agents on one server: counted once; not o1's
        await grant(await bearer(o1), twice.id, [twice.read]);
        await grant(await bearer(o2), twice.id, [twice.read]);

        const spec = TOKEN_CARDS.find((card) => card.id === "bearer-servers")!;
        if (spec.kind !== "count" || !spec.count) throw new Error("bearer-servers has no fast count");
        for (const [actor, view, expected] of [[admin.actor, "estate", 3], [o1.actor, "mine", 2], [o2.actor, "mine", 2]] as const) {
          const scope = await postureScope(actor, view, NOW);
          expect(await spec.count(scope), `${view} fast count`).toBe(expected);
          expect(await countRows(spec.rows, scope), `${view} by its definition`).toBe(expected);
        }
      }),
    );
  }, 60_000);
});
