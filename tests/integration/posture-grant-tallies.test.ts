// The grant-scope cards' one-pass tallies (lib/posture/grant-scope-tallies.ts)
// against the cards' Prisma definitions (lib/posture/catalog-cards.ts), on both
// databases: one grant per case below, each isolating one condition of
// effective access or of "unused", so dropping any condition from the hand-written
// SQL changes a number. Times sit exactly on the 30-day boundary too, where the
// two databases' timestamp comparisons must agree with Prisma's.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { CATALOG_CARDS } from "@/lib/posture/catalog-cards";
import { countRows } from "@/lib/posture/count-rows";
import { grantScopeTallies } from "@/lib/posture/grant-scope-tallies";
import { postureScope } from "@/lib/posture/scope";
import { seedIdentity, seedUser, type SeededUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000);
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function tools(serverId: string, tiers: Record<string, "read" | "irreversible">): Promise<Record<string, string>> {
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId, input: { source: "manual", tools: Object.keys(tiers).map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId, proposalId: proposal.id });
  const rows = await db().tool.findMany({ where: { serverId } });
  await reviewTools({ actor: SYSTEM_ACTOR, serverId, input: { decisions: rows.map((row) => ({ toolId: row.id, tier: tiers[row.name]! })) } });
  return Object.fromEntries(rows.map((row) => [row.name, row.id]));
}

/** Seeds the cases; returns the two owners. Comments give what each grant adds to (irreversible, unused 30, unused 90) in the estate. */
async function seedCases(): Promise<{ o1: SeededUser; o2: SeededUser }> {
  const [o1, o2] = [await seedUser(), await seedUser()];
  const agent = async (owner: SeededUser, extra?: Record<string, unknown>) => (await seedIdentity({ kind: "agent", owner, extra })).id;
  const server = (await seedIdentity({ kind: "server", owner: o1 })).id;
  const doomed = (await seedIdentity({ kind: "server", owner: o1 })).id;
  const t = await tools(server, { r: "read", x: "irreversible", gone: "irreversible" });
  const y = (await tools(doomed, { y: "irreversible" })).y!;
  const grant = async (agentId: string, serverId: string, toolIds: string[], options: { createdAt?: Date; lastUsed?: Record<string, Date> } = {}) => {
    const created = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId, serverId, toolIds, justification: "grant tallies fixture" }, now: NOW });
    await db().grant.update({ where: { id: created.id }, data: { createdAt: options.createdAt ?? ago(100) } });
    for (const [toolId, at] of Object.entries(options.lastUsed ?? {})) await db().grantTool.update({ where: { grantId_toolId: { grantId: created.id, toolId } }, data: { lastUsedAt: at } });
    return created.id;
  };

  await grant(await agent(o1), server, [t.r!, t.x!]); // (1, 2, 2)
  await grant(await agent(o2, { backupOwnerId: o1.id }), server, [t.x!]); // (1, 1, 1); o1's as backup owner
  await grant(await agent(o2), server, [t.x!]); // (1, 1, 1); not o1's
  const suspended = await agent(o1);
  await grant(suspended, server, [t.x!]); // agent suspended: nothing
  await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: suspended, change: "suspend", reason: "fixture" });
  await grant(await agent(o1), doomed, [y]); // server revoked: nothing
  await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: doomed, change: "revoke", reason: "fixture" });
  const expired = await grant(await agent(o1), server, [t.x!]); // expired: nothing
  await db().grant.update({ where: { id: expired }, data: { expiresAt: ago(1) } });
  const narrowed = await grant(await agent(o1), server, [t.x!, t.r!]); // x narrowed away: (0, 1, 1)
  await db().grantTool.update({ where: { grantId_toolId: { grantId: narrowed, toolId: t.x! } }, data: { revokedAt: ago(5) } });
  await grant(await agent(o1), server, [t.gone!]); // tool no longer reported: nothing
  await db().tool.update({ where: { id: t.gone! }, data: { removedAt: ago(2) } });
  const revoked = await grant(await agent(o1), server, [t.r!]); // revoked: nothing
  await revokeGrant({ actor: SYSTEM_ACTOR, grantId: revoked, input: { reason: "fixture" } });
  await grant(await agent(o1), server, [t.r!], { createdAt: ago(30) }); // granted exactly 30 days ago: (0, 1, 0)
  await grant(await agent(o1), server, [t.r!], { lastUsed: { [t.r!]: ago(30) } }); // last used exactly 30 days ago: (0, 0, 0)
  await grant(await agent(o1), server, [t.r!], { lastUsed: { [t.r!]: ago(91) } }); // last used 91 days ago: (0, 1, 1)
  await grant(await agent(o1), server, [t.x!], { createdAt: ago(10) }); // granted 10 days ago: (1, 0, 0)
  return { o1, o2 };
}

const CARDS = { irreversible: "grants-irreversible", unused30: "grants-unused-30d", unused90: "grants-unused-90d" } as const;

describe("grant-scope tallies", () => {
  it("count what the cards' definitions count, estate-wide and in an owner's view", async () => {
    await withFreshDatabase((_client, target) => withGlobalDatabase(target, async () => {
      const { o1 } = await seedCases();
      const admin = await seedUser({ role: "admin" });
      const views = [
        { scope: await postureScope(admin.actor, "estate", NOW), expected: { irreversible: 4, unused30: 7, unused90: 6 } },
        { scope: await postureScope(o1.actor, "mine", NOW), expected: { irreversible: 3, unused30: 6, unused90: 5 } },
      ];
      for (const { scope, expected } of views) {
        expect(await grantScopeTallies(scope), scope.view).toEqual(expected);
        for (const [key, id] of Object.entries(CARDS)) {
          const spec = CATALOG_CARDS.find((card) => card.id === id)!;
          if (spec.kind !== "count" || !spec.count) throw new Error(`${id} has no fast count`);
          expect(await spec.count(scope), `${scope.view} ${id}`).toBe(expected[key as keyof typeof CARDS]);
          expect(await countRows(spec.rows, scope), `${scope.view} ${id} by its definition`).toBe(expected[key as keyof typeof CARDS]);
        }
      }
    }));
  });
});
