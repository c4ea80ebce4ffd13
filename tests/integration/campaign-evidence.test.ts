// Campaign evidence on both databases: usage counted from the enforcement
// points' reported decisions (last used, call counts) shown to reviewers and
// used by the "unused for N days" filter and bulk decisions; the modify
// decision (narrow a grant, reclassify a tool, move an identity's owner); and
// the auditors' export — CSV, and JSON signed by Warden that verifies against
// the JWKS served over HTTP.
import { createRemoteJWKSet, decodeProtectedHeader, flattenedVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { bulkDecide } from "@/lib/campaigns/bulk-decide";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { decideItem } from "@/lib/campaigns/decide-item";
import { campaignEvidenceCsv, campaignEvidenceJws, EVIDENCE_TYP, type EvidenceDocument } from "@/lib/campaigns/export-evidence";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaignItems, listMyReviews } from "@/lib/campaigns/list-items";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { createGrant } from "@/lib/grants/create-grant";
import { compileBundle, viewOf } from "@/lib/policy/bundle/compile";
import { ingestEnforcementEvents } from "@/lib/policy/events/ingest-events";
import type { EnforcementEvent } from "@/lib/policy/events/schema";
import { seedIdentity, seedUser, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { startFastRoutesServer } from "./helpers/fast-routes-server";
import { keyedGateway, oauthFixture, type OAuthFixture } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const query = { status: "all" as const, limit: 50 };


async function launched(admin: SeededUser, input: Record<string, unknown>) {
  const campaign = await createCampaign({ actor: admin.actor, input: { name: "Evidence test", dueAt: inDays(14), ...input } as never });
  await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
  await generateCampaignItems(campaign.id);
  return getCampaign({ actor: admin.actor, campaignId: campaign.id });
}

function allowed(f: OAuthFixture, tool: string, at: Date): EnforcementEvent {
  return { type: "decision", id: `evt-${uniqueSuffix()}`, at: at.toISOString(), serverId: f.server.id, agentId: f.agent.id, clientId: f.agent.clientId, method: "tools/call", tool, scope: f.scope(tool), tokenJti: null, act: [], policyRevision: 1, decision: "allow", status: null, error: null, reason: null, latencyMs: 1 };
}

describe("usage evidence", () => {
  it("counts allowed calls per grant scope, shows them to the reviewer, and filters and bulk-decides by them", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const gateway = await keyedGateway(f);
    const now = new Date();
    const yesterday = new Date(now.getTime() - DAY);
    const denied = { ...allowed(f, "post_entry", now), id: `evt-${uniqueSuffix()}`, decision: "deny" as const, status: 403, error: "insufficient_scope" };
    const result = await ingestEnforcementEvents(gateway.id, [allowed(f, "read_ledger", yesterday), allowed(f, "read_ledger", now), denied, { ...allowed(f, "read_ledger", now), id: `evt-${uniqueSuffix()}`, at: new Date(now.getTime() + 10 * DAY).toISOString() }], now);
    expect(result).toMatchObject({ ok: true, stored: 4 });
    const read = await db().grantTool.findFirstOrThrow({ where: { grantId: f.grant.id, toolId: f.tool("read_ledger").id } });
    // three allowed calls; the one dated in the future counts at its receipt time
    expect(read).toMatchObject({ useCount: 3, lastUsedAt: now });
    const write = await db().grantTool.findFirstOrThrow({ where: { grantId: f.grant.id, toolId: f.tool("post_entry").id } });
    expect(write).toMatchObject({ useCount: 0, lastUsedAt: null });

    // "only grants unused for 30 days": the used read scope is left out
    const unused = await launched(admin, { type: "grant", filters: { ownerIds: [f.owner.id], unusedForDays: 30 } });
    expect((await listCampaignItems({ actor: admin.actor, campaignId: unused.id, query })).items.map((item) => item.snapshot.tool)).toEqual(["post_entry"]);

    const campaign = await launched(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    const { items } = await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: campaign.id } });
    const item = (tool: string) => items.find((candidate) => candidate.snapshot.tool === tool)!;
    expect(item("read_ledger").snapshot).toMatchObject({ useCount: 3, lastUsedAt: now.toISOString() });
    expect(item("read_ledger").evidence).toMatchObject({ current: "active", useCount: 3, lastUsedAt: now.toISOString(), expiresAt: null });
    expect(item("post_entry").evidence).toMatchObject({ current: "active", useCount: 0, lastUsedAt: null });

    // later use shows in the live evidence, not in the launch snapshot
    await ingestEnforcementEvents(gateway.id, [allowed(f, "post_entry", now)], now);
    const refreshed = (await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: campaign.id } })).items.find((candidate) => candidate.snapshot.tool === "post_entry")!;
    expect(refreshed.snapshot).toMatchObject({ useCount: 0 });
    expect(refreshed.evidence).toMatchObject({ useCount: 1 });

    // "certify all read-tier grants used in the last 30 days": only read_ledger (post_entry is write-tier)
    const bulk = await bulkDecide({ actor: f.owner.actor, input: { decision: "certify", filter: { campaignId: campaign.id, tiers: ["read"], usedWithinDays: 30 } } });
    expect(bulk).toEqual({ decided: [item("read_ledger").id], refused: [] });
    // used 40 days ago is not "within 30 days"
    const stale = await launched(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    await db().grantTool.updateMany({ where: { grantId: f.grant.id }, data: { lastUsedAt: new Date(now.getTime() - 40 * DAY) } });
    expect(await bulkDecide({ actor: f.owner.actor, input: { decision: "certify", filter: { campaignId: stale.id, usedWithinDays: 30 } } })).toEqual({ decided: [], refused: [] });
  });

  it("shows an identity's last token and orphan status", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const agent = await seedIdentity({ kind: "agent", owner });
    const at = new Date(Date.now() - 3 * DAY);
    await transact((tx) => appendAuditEvent(tx, { action: "token.issued", actor: { type: "identity", id: agent.id, label: agent.name }, target: { type: "server", id: agent.id }, details: {}, at }));
    await db().user.update({ where: { id: owner.id }, data: { active: false } });
    const campaign = await launched(admin, { type: "identity", filters: { ownerIds: [owner.id] } });
    const [item] = (await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query })).items;
    expect(item!.evidence).toMatchObject({ current: "active", orphaned: true, lastTokenAt: at.toISOString() });
  });
});

describe("the modify decision", () => {
  it("narrows a grant's expiry (never extends it) and the next bundle carries it", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launched(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    const [first, second] = (await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: campaign.id } })).items;
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: first!.id, input: { decision: "modify", expiresAt: inDays(-1), comment: "only until the migration ends" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "expiresAt" }] });
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: first!.id, input: { decision: "modify", tier: "read", comment: "wrong kind of change" } }))).toMatchObject({ code: "validation_failed" });
    const revisionBefore = (await compileBundle((await viewOf(f.server.id))!)).revision;
    const until = inDays(20);
    const modified = await decideItem({ actor: f.owner.actor, itemId: first!.id, input: { decision: "modify", expiresAt: until, comment: "only until the migration ends" } });
    expect(modified).toMatchObject({ status: "modified", comment: "only until the migration ends", outcome: { grantId: f.grant.id, grantExpiresAt: new Date(until).toISOString() } });
    expect((await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } })).expiresAt).toEqual(new Date(until));
    expect((await compileBundle((await viewOf(f.server.id))!)).revision).toBeGreaterThan(revisionBefore);
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: second!.id, input: { decision: "modify", expiresAt: inDays(40), comment: "a bit longer please" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "expiresAt", message: "not earlier than the current expiry" }] });
  });

  it("reclassifies a tool and moves an identity to a new owner", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const tools = await launched(admin, { type: "tool", filters: { serverIds: [f.server.id] } });
    const postEntry = (await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: tools.id } })).items.find((item) => item.snapshot.name === "post_entry")!;
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: postEntry.id, input: { decision: "modify", tier: "write", comment: "same tier" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "tier" }] });
    expect(await decideItem({ actor: f.owner.actor, itemId: postEntry.id, input: { decision: "modify", tier: "irreversible", comment: "posted entries cannot be deleted" } })).toMatchObject({ status: "modified", outcome: { tierChanged: { from: "write", to: "irreversible" } } });
    expect((await db().tool.findUniqueOrThrow({ where: { id: f.tool("post_entry").id } })).tier).toBe("irreversible");

    const successor = await seedUser({ role: "owner" });
    const identities = await launched(admin, { type: "identity", filters: { ownerIds: [f.owner.id], kinds: ["agent"] } });
    const [agentItem] = (await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: identities.id } })).items;
    expect(await decideItem({ actor: f.owner.actor, itemId: agentItem!.id, input: { decision: "modify", ownerId: successor.id, comment: "the payments team runs it now" } })).toMatchObject({ status: "modified", outcome: { ownerChanged: { from: f.owner.id, to: successor.id } } });
    expect((await db().identity.findUniqueOrThrow({ where: { id: agentItem!.targetId } })).ownerId).toBe(successor.id);
  });
});

describe("evidence export", () => {
  let server: { origin: string; close: () => Promise<void> };
  beforeAll(async () => {
    server = await startFastRoutesServer();
  });
  afterAll(() => server.close());

  it("exports every item as CSV and as JSON signed by Warden, verifiable against the JWKS", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: f.server.id, toolIds: [f.tool("wire_money").id], justification: "pays suppliers" } });
    const campaign = await launched(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    const { items } = await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: campaign.id } });
    const item = (tool: string) => items.find((candidate) => candidate.snapshot.tool === tool)!;
    await decideItem({ actor: f.owner.actor, itemId: item("read_ledger").id, input: { decision: "certify" } });
    await decideItem({ actor: f.owner.actor, itemId: item("post_entry").id, input: { decision: "revoke", comment: '=HYPERLINK("x"), never posts, "really"' } });

    const csv = await campaignEvidenceCsv({ actor: admin.actor, campaignId: campaign.id });
    const text = await new Response(csv.stream).text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("itemId,targetType,targetId,target,tier,scope,reviewer,status,decidedBy,decidedAt,comment,action,reassignments");
    expect(lines).toHaveLength(1 + 3);
    const revokedLine = lines.find((line) => line.startsWith(item("post_entry").id))!;
    // quoted, quotes doubled, and a leading = neutralised for spreadsheets
    expect(revokedLine).toContain(`"'=HYPERLINK(""x""), never posts, ""really"""`);
    expect(revokedLine).toContain(`,revoked,${f.owner.email},`);
    expect(revokedLine).toContain(`grantId ${f.grant.id}`);

    const auditor = await seedUser({ role: "auditor" });
    const { jws } = await campaignEvidenceJws({ actor: auditor.actor, campaignId: campaign.id });
    expect(decodeProtectedHeader(jws)).toMatchObject({ typ: EVIDENCE_TYP });
    const verified = await flattenedVerify(jws, createRemoteJWKSet(new URL(`${server.origin}/.well-known/jwks.json`)));
    const document = JSON.parse(new TextDecoder().decode(verified.payload)) as EvidenceDocument;
    expect(document).toMatchObject({ format: "warden.campaign-evidence.v1", campaign: { id: campaign.id }, counts: { certified: 1, revoked: 1, open: 1 } });
    expect(document.items.map((row) => row.itemId).sort()).toEqual(items.map((row) => row.id).sort());
    expect(document.items.find((row) => row.itemId === item("post_entry").id)).toMatchObject({ status: "revoked", reviewer: f.owner.email, decidedBy: f.owner.email, comment: '=HYPERLINK("x"), never posts, "really"' });

    // tampering breaks the signature
    const tampered = { ...jws, payload: Buffer.from(JSON.stringify({ ...document, counts: { certified: 3 } })).toString("base64url") };
    await expect(flattenedVerify(tampered, createRemoteJWKSet(new URL(`${server.origin}/.well-known/jwks.json`)))).rejects.toThrow();
    // owners do not read campaigns; exports are audited
    const owner = await seedUser({ role: "owner" });
    expect((await refusal(campaignEvidenceJws({ actor: owner.actor, campaignId: campaign.id }))).code).toBe("forbidden");
    expect(await db().auditEvent.count({ where: { action: "campaign.evidence_exported", targetId: campaign.id } })).toBe(2);
  });
});
