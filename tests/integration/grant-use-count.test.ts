// Usage evidence from ingested decisions (lib/policy/events/count-grant-use.ts),
// counted in one statement per batch on both databases: only live scopes of live
// grants count, lastUsedAt only moves forward, and a batch sent again counts
// nothing twice.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { ingestEnforcementEvents } from "@/lib/policy/events/ingest-events";
import type { EnforcementEvent } from "@/lib/policy/events/schema";
import { uniqueSuffix } from "@/lib/seed/factories";
import { keyedGateway, oauthFixture, type OAuthFixture } from "./helpers/oauth";

const HOUR = 3_600_000;

function allowed(f: OAuthFixture, tool: string, at: Date, id = `evt-${uniqueSuffix()}`): EnforcementEvent {
  return { type: "decision", id, at: at.toISOString(), serverId: f.server.id, agentId: f.agent.id, clientId: f.agent.clientId, method: "tools/call", tool, scope: f.scope(tool), tokenJti: null, act: [], policyRevision: 1, decision: "allow", status: null, error: null, reason: null, latencyMs: 1 };
}

const use = (grantId: string, toolId: string) => db().grantTool.findUniqueOrThrow({ where: { grantId_toolId: { grantId, toolId } }, select: { useCount: true, lastUsedAt: true } });

describe("grant use counted from ingested decisions", () => {
  it("counts live scopes of live grants, moves lastUsedAt only forward, and counts a resent batch once", async () => {
    const f = await oauthFixture();
    const gateway = await keyedGateway(f);
    const read = f.tool("read_ledger").id;
    const write = f.tool("post_entry").id;
    const wire = f.tool("wire_money").id;
    // a second grant, of wire_money, revoked
    const revoked = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: f.server.id, toolIds: [wire], justification: "revoked grant" } });
    await db().grant.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    // post_entry narrowed away from the first grant
    await db().grantTool.update({ where: { grantId_toolId: { grantId: f.grant.id, toolId: write } }, data: { revokedAt: new Date() } });

    const now = new Date();
    const batch = [allowed(f, "read_ledger", new Date(now.getTime() - 2 * HOUR)), allowed(f, "read_ledger", new Date(now.getTime() - HOUR)), allowed(f, "post_entry", now), allowed(f, "wire_money", now)];
    expect(await ingestEnforcementEvents(gateway.id, batch, now)).toMatchObject({ ok: true, stored: 4, duplicates: 0 });
    expect(await use(f.grant.id, read)).toEqual({ useCount: 2, lastUsedAt: new Date(now.getTime() - HOUR) });
    expect(await use(revoked.id, wire)).toEqual({ useCount: 0, lastUsedAt: null });
    expect(await use(f.grant.id, write)).toEqual({ useCount: 0, lastUsedAt: null });

    // sent again after a lost answer: duplicates, nothing counted twice
    expect(await ingestEnforcementEvents(gateway.id, batch, now)).toMatchObject({ ok: true, stored: 0, duplicates: 4 });
    expect(await use(f.grant.id, read)).toEqual({ useCount: 2, lastUsedAt: new Date(now.getTime() - HOUR) });

    // a late report of an older call counts, but does not move lastUsedAt back
    await ingestEnforcementEvents(gateway.id, [allowed(f, "read_ledger", new Date(now.getTime() - 5 * HOUR))], now);
    expect(await use(f.grant.id, read)).toEqual({ useCount: 3, lastUsedAt: new Date(now.getTime() - HOUR) });
  });
});
