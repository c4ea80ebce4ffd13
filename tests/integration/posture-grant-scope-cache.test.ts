// The estate's grant-scope tallies kept between requests
// (lib/posture/grant-scope-cache.ts) answer exactly what the one-pass query
// answers — at later instants (a grant expiring, a scope crossing 30 days
// unused), after tool calls are reported (a current one and a late one dated
// weeks back), after a denied call, and after a change that moves the policy
// revision — and the kept rows are really reused, topped up or read again
// (counters), not recomputed every time. Both databases.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { ingestEnforcementEvents } from "@/lib/policy/events/ingest-events";
import type { EnforcementEvent } from "@/lib/policy/events/schema";
import { CATALOG_CARDS } from "@/lib/posture/catalog-cards";
import { countRows } from "@/lib/posture/count-rows";
import { grantScopeCacheStats } from "@/lib/posture/grant-scope-cache";
import { grantScopeTallies, talliesByQuery, type GrantScopeTallies } from "@/lib/posture/grant-scope-tallies";
import { postureScope } from "@/lib/posture/scope";
import { seedIdentity, seedUser, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * HOUR);
const at = (days: number, hours = 0) => new Date(NOW.getTime() + days * DAY + hours * HOUR);
const CARDS = { irreversible: "grants-irreversible", unused30: "grants-unused-30d", unused90: "grants-unused-90d" } as const;

type Fixture = { admin: SeededUser; serverId: string; agents: string[]; scopes: Record<string, string>; grants: string[] };

async function seed(): Promise<Fixture> {
  const admin = await seedUser({ role: "admin" });
  const owner = await seedUser();
  const serverId = (await seedIdentity({ kind: "server", owner })).id;
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId, input: { source: "manual", tools: ["read_ledger", "wire_money"].map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId, proposalId: proposal.id });
  const tools = await db().tool.findMany({ where: { serverId } });
  await reviewTools({ actor: SYSTEM_ACTOR, serverId, input: { decisions: tools.map((tool) => ({ toolId: tool.id, tier: tool.name === "wire_money" ? ("irreversible" as const) : ("read" as const) })) } });
  const id = Object.fromEntries(tools.map((tool) => [tool.name, tool.id]));
  const scopes = Object.fromEntries(tools.map((tool) => [tool.name, tool.scope]));
  const agents: string[] = [];
  const grants: string[] = [];
  // [created days ago, last use of read_ledger days ago (null: never), expires in days (null: never)]
  const cases: [number, number | null, number | null][] = [
    [100, null, null], // unused 30 and 90 on both scopes
    [100, 29.5, null], // read_ledger crosses 30 days unused half a day from now
    [100, 95, 2], // expires in two days
    [40, null, null], // unused 30 only
    [10, null, null], // used by nobody, too young to count
  ];
  for (const [createdDaysAgo, usedDaysAgo, expiresInDays] of cases) {
    const agentId = (await seedIdentity({ kind: "agent", owner })).id;
    const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId, serverId, toolIds: [id.read_ledger!, id.wire_money!], justification: "grant scope cache fixture", ...(expiresInDays === null ? {} : { expiresAt: at(expiresInDays).toISOString() }) }, now: NOW });
    await db().grant.update({ where: { id: grant.id }, data: { createdAt: at(-createdDaysAgo) } });
    if (usedDaysAgo !== null) await db().grantTool.update({ where: { grantId_toolId: { grantId: grant.id, toolId: id.read_ledger! } }, data: { lastUsedAt: at(-usedDaysAgo) } });
    agents.push(agentId);
    grants.push(grant.id);
  }
  return { admin, serverId, agents, scopes, grants };
}

function allowed(f: Fixture, agentId: string, tool: string, when: Date, decision: "allow" | "deny" = "allow"): EnforcementEvent {
  return { type: "decision", id: `evt-${uniqueSuffix()}`, at: when.toISOString(), serverId: f.serverId, agentId, clientId: null, method: "tools/call", tool, scope: f.scopes[tool]!, tokenJti: null, act: [], policyRevision: 1, decision, status: decision === "allow" ? null : 403, error: null, reason: null, latencyMs: 1 };
}

/** The tallies at `now` as the dashboard gets them, checked against the query and against each card's definition. */
async function tallies(f: Fixture, now: Date): Promise<GrantScopeTallies> {
  const scope = await postureScope(f.admin.actor, "estate", now);
  const answered = await grantScopeTallies(scope);
  expect(answered, `at ${now.toISOString()}`).toEqual(await talliesByQuery(scope));
  for (const [key, id] of Object.entries(CARDS)) {
    const spec = CATALOG_CARDS.find((card) => card.id === id)!;
    if (spec.kind !== "count") throw new Error(`${id} is not a count`);
    expect(await countRows(spec.rows, scope), `${id} by its definition at ${now.toISOString()}`).toBe(answered[key as keyof GrantScopeTallies]);
  }
  return answered;
}

describe("grant-scope tallies kept between requests", () => {
  it("answer as the query does at later instants, after reported calls and after a change, reusing the kept rows", async () => {
    await withFreshDatabase((_client, target) =>
      withGlobalDatabase(target, async () => {
        const f = await seed();
        const before = { ...grantScopeCacheStats };
        const moved = () => ({ reads: grantScopeCacheStats.reads - before.reads, topUps: grantScopeCacheStats.topUps - before.topUps, reuses: grantScopeCacheStats.reuses - before.reuses });

        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 7, unused90: 5 });
        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 7, unused90: 5 });
        expect(moved()).toEqual({ reads: 1, topUps: 0, reuses: 1 });

        // a day later read_ledger of case 2 is unused for 30 days; three days later case 3's grant has expired
        expect(await tallies(f, at(1))).toEqual({ irreversible: 5, unused30: 8, unused90: 5 });
        expect(await tallies(f, at(3))).toEqual({ irreversible: 4, unused30: 6, unused90: 3 });

        // case 1's agent calls read_ledger now: that scope is no longer unused
        expect((await ingestEnforcementEvents(f.serverId, [allowed(f, f.agents[0]!, "read_ledger", at(0, -1))], NOW)).ok).toBe(true);
        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 6, unused90: 4 });
        // a late report: case 4's agent called wire_money 35 days ago (still unused for 30 days; its grant is too young for 90)
        expect((await ingestEnforcementEvents(f.serverId, [allowed(f, f.agents[3]!, "wire_money", at(-35))], NOW)).ok).toBe(true);
        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 6, unused90: 4 });
        // another late report, far before the rows were read: case 1's agent called wire_money 31 days ago (no longer unused for 90 days)
        expect((await ingestEnforcementEvents(f.serverId, [allowed(f, f.agents[0]!, "wire_money", at(-31))], NOW)).ok).toBe(true);
        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 6, unused90: 3 });
        // a denied call moves no usage
        expect((await ingestEnforcementEvents(f.serverId, [allowed(f, f.agents[1]!, "read_ledger", NOW, "deny")], NOW)).ok).toBe(true);
        expect(await tallies(f, NOW)).toEqual({ irreversible: 5, unused30: 6, unused90: 3 });
        expect(moved()).toEqual({ reads: 1, topUps: 4, reuses: 3 });

        // revoking case 4's grant moves the policy revision: the rows are read again
        await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grants[3]!, input: { reason: "cache fixture" } });
        expect(await tallies(f, NOW)).toEqual({ irreversible: 4, unused30: 4, unused90: 3 });
        expect(await tallies(f, at(3))).toEqual({ irreversible: 3, unused30: 3, unused90: 1 });
        expect(moved()).toEqual({ reads: 2, topUps: 4, reuses: 4 });
      }),
    );
  }, 60_000);
});
