// The posture dashboard's numbers on both databases, against a fresh database
// seeded with known answers: every registry card, the audit coverage, the
// daily trends and the sender-constrained shares; the owner's own view; each
// card's link (a drill-down listing exactly what was counted, the Effective
// access page, or the audit explorer with filters that select exactly the
// counted events); the permission rules; and the day cache seeing late events.
import { describe, expect, it } from "vitest";
import { GET as postureRoute } from "@/app/api/v1/posture/route";
import { actionsOfClass } from "@/lib/audit/event-classes";
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import type { AuditAction } from "@/lib/audit/actions";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { createGrant } from "@/lib/grants/create-grant";
import { effectiveAccess } from "@/lib/grants/effective-access";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { recordEnforcementStatus } from "@/lib/policy/status/record-status";
import { getPosture } from "@/lib/posture/get-posture";
import { listCardItems } from "@/lib/posture/list-card-items";
import type { TPosture } from "@/lib/posture/schemas";
import { seedApiToken, seedIdentity, seedUser, sessionCookieFor, type SeededUser } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";
import { testKey } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";

const DAY = 86_400_000;
const HOUR = 3_600_000;
// noon UTC today: each seeded day's events sit at noon of that day
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * HOUR);
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * HOUR);
const dayOf = (days: number) => ago(days).toISOString().slice(0, 10);

async function withKey(identityId: string, now?: Date) {
  await addKeys({ actor: SYSTEM_ACTOR, identityId, input: { jwk: (await testKey()).publicJwk }, now });
}

/** A server's catalog: every named tool reported, then approved with its tier (null: left unclassified). */
async function catalog(serverId: string, tiers: Record<string, "read" | "irreversible" | null>): Promise<Record<string, string>> {
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId, input: { source: "manual", tools: Object.keys(tiers).map((name) => ({ name, description: `Does ${name}` })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId, proposalId: proposal.id });
  const rows = await db().tool.findMany({ where: { serverId } });
  const decisions = rows.flatMap((row) => (tiers[row.name] ? [{ toolId: row.id, tier: tiers[row.name]! }] : []));
  if (decisions.length) await reviewTools({ actor: SYSTEM_ACTOR, serverId, input: { decisions } });
  return Object.fromEntries(rows.map((row) => [row.name, row.id]));
}

async function grant(agentId: string, serverId: string, toolIds: string[], options: { createdAt?: Date; expiresAt?: Date; lastUsed?: Record<string, Date> } = {}) {
  const created = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId, serverId, toolIds, justification: "posture dashboard fixture", expiresAt: options.expiresAt?.toISOString() }, now: NOW });
  if (options.createdAt) await db().grant.update({ where: { id: created.id }, data: { createdAt: options.createdAt } });
  for (const [toolId, at] of Object.entries(options.lastUsed ?? {})) await db().grantTool.update({ where: { grantId_toolId: { grantId: created.id, toolId } }, data: { lastUsedAt: at, useCount: 3 } });
  return created;
}

function event(action: AuditAction, at: Date, extra: Partial<AuditInput> = {}): AuditInput {
  return { action, at, actor: { type: "identity", id: null, label: "fixture" }, ...extra };
}

const appendAll = (inputs: AuditInput[]) => transact((tx) => appendAuditEvents(tx, inputs));

/** The estate described in docs/posture.md's worked example; comments give each identity's part. */
async function seedEstate() {
  const [admin, auditor, o1, o2, o3] = [await seedUser({ role: "admin" }), await seedUser({ role: "auditor" }), await seedUser(), await seedUser(), await seedUser()];
  const id = async (kind: "server" | "agent" | "resource" | "gateway", owner: SeededUser, extra?: Record<string, unknown>) => (await seedIdentity({ kind, owner, extra })).id;
  const s1 = await id("server", o1); // keyed, reports through its own SDK, certified
  const s2 = await id("server", o1); // keyed, fronted by g1
  const s3 = await id("server", o2); // orphan, no key, unenforced
  const s4 = await id("server", o1); // revoked below: counts nowhere
  const a1 = await id("agent", o1); // key 100 days old, certification overdue
  const a2 = await id("agent", o1, { dpopRequired: false }); // Bearer allowed
  const a3 = await id("agent", o2, { backupOwnerId: o3.id }); // orphan, no key
  const a4 = await id("agent", o1); // no key, suspended below
  await id("resource", o1); // no key, and needs none
  const g1 = await id("gateway", o1, { serverIds: [s2] }); // reported 30 s ago
  const g2 = await id("gateway", o3); // never reported
  const g3 = await id("gateway", o1); // reported 10 minutes ago
  for (const keyed of [s1, s2, a2, g1, g3]) await withKey(keyed);
  await withKey(a1, ago(100));
  const t1 = await catalog(s1, { read_ledger: "read", wire_money: "irreversible", new_tool: null, drift_tool: "read" });
  const t2 = await catalog(s2, { lookup: "read", delete_all: "irreversible" });
  await catalog(s3, { s3_tool: null });
  await catalog(s4, { s4_tool: null });
  // drift: the description of an approved tool changes
  const drift = await createProposal({ actor: SYSTEM_ACTOR, serverId: s1, input: { source: "manual", tools: [{ name: "drift_tool", description: "Now does something else" }] } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: s1, proposalId: drift.id });

  await grant(a1, s1, [t1.read_ledger!, t1.wire_money!], { createdAt: ago(100), lastUsed: { [t1.read_ledger!]: ago(10) } });
  await grant(a2, s2, [t2.lookup!], { createdAt: ago(40), expiresAt: new Date(NOW.getTime() + 5 * DAY), lastUsed: { [t2.lookup!]: ago(35) } });
  await grant(a3, s1, [t1.read_ledger!], { expiresAt: new Date(NOW.getTime() + 20 * DAY) });
  await grant(a2, s1, [t1.wire_money!], { createdAt: ago(100), lastUsed: { [t1.wire_money!]: ago(95) } });
  await grant(a4, s2, [t2.delete_all!], { createdAt: ago(100) });
  const revoked = await grant(a1, s2, [t2.delete_all!], { createdAt: ago(100) });
  await revokeGrant({ actor: SYSTEM_ACTOR, grantId: revoked.id, input: { reason: "fixture: no longer needed" } });
  await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: a4, change: "suspend", reason: "fixture" });
  await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: s4, change: "revoke", reason: "fixture" });
  await db().user.update({ where: { id: o2.id }, data: { active: false } });
  await db().identity.update({ where: { id: s1 }, data: { nextCertificationDue: new Date(NOW.getTime() + 30 * DAY) } });
  await db().identity.update({ where: { id: g1 }, data: { nextCertificationDue: new Date(NOW.getTime() + 10 * DAY) } });
  await db().identity.update({ where: { id: a1 }, data: { nextCertificationDue: ago(1) } });
  const report = { revision: null, lastSuccessfulFetch: null, errors: [], version: "fixture" };
  await recordEnforcementStatus(s1, report, ago(0, 1));
  await recordEnforcementStatus(g1, report, new Date(NOW.getTime() - 30_000));
  await recordEnforcementStatus(g3, report, new Date(NOW.getTime() - 600_000));

  // review items: two overdue (one of them o1's), one not yet due, one in a closed campaign
  const campaign = (suffix: string, status: string, dueAt: Date) =>
    db().campaign.create({ data: { id: `cmp_${suffix.padStart(26, "0")}`, name: `Fixture ${suffix}`, type: "identity", status, filters: {}, reviewerRule: "owner", startsAt: ago(30), dueAt, undecidedPolicy: "revoke" } });
  const item = (campaignId: string, targetId: string, reviewerId: string, status: string) =>
    db().campaignItem.create({ data: { id: `citm_${targetId.slice(4)}${campaignId.slice(-2)}`, campaignId, targetType: "identity", targetId, snapshot: { name: targetId, kind: "agent" }, reviewerId, status } });
  const late = await campaign("1", "active", ago(2));
  const running = await campaign("2", "active", new Date(NOW.getTime() + 5 * DAY));
  const closed = await campaign("3", "closed", ago(10));
  await item(late.id, a1, o1.id, "open");
  await item(late.id, a2, admin.id, "escalated");
  await item(late.id, s1, o1.id, "certified");
  await item(running.id, a1, o1.id, "open");
  await item(closed.id, a1, o1.id, "open");

  const decision = (serverId: string, at: Date, outcome: "success" | "denied", gatewayId: string | null = null) =>
    event("mcp.decision", at, { outcome, target: { type: "identity", id: serverId }, details: { serverId, gatewayId, agentId: a1 } });
  const issued = (at: Date, tokenType: "DPoP" | "Bearer") => event("token.issued", at, { details: { grantType: "client_credentials", agentId: a1, serverId: s1, tokenType, jti: `at_${at.getTime()}${tokenType}` } });
  await appendAll([
    issued(ago(40), "Bearer"), // outside every window
    event("token.refused", ago(31), { outcome: "denied" }),
    ...Array.from({ length: 4 }, () => decision(s1, ago(20), "denied")),
    issued(ago(10), "DPoP"),
    issued(ago(10), "DPoP"),
    decision(s2, ago(5), "denied"),
    issued(ago(3), "DPoP"),
    issued(ago(2), "DPoP"),
    issued(ago(2), "Bearer"),
    event("token.exchange_refused", ago(2), { outcome: "denied" }),
    ...Array.from({ length: 3 }, () => decision(s1, ago(1), "denied")),
    event("token.refused", ago(1), { outcome: "denied" }),
    event("token.refused", ago(1), { outcome: "denied" }),
    issued(ago(1), "DPoP"),
    event("mcp.tool_call", ago(1, 1), { details: { serverId: s3 } }), // 25 h ago: outside coverage
    event("mcp.tool_call", ago(0, 23), { details: { serverId: s2, gatewayId: g1 } }),
    decision(s1, ago(0, 2), "success"),
    decision(s4, ago(0, 1), "success"), // a revoked server: not in the share
    decision(s1, ago(0, 1), "denied"),
    decision(s1, ago(0, 1), "denied"),
    decision(s3, ago(0, -1), "denied"), // after now: counted nowhere
  ]);
  return { admin, auditor, o1, o2, o3, s1, s2, s3, s4, a1, a2, a3, a4, g1, g2, g3 };
}

const values = (posture: TPosture) => Object.fromEntries(posture.groups.flatMap((group) => group.cards.map((card) => [card.id, card.total === null ? card.value : [card.value, card.total]])));
const hrefOf = (posture: TPosture, id: string) => posture.groups.flatMap((group) => group.cards).find((card) => card.id === id)!.href;

/** Every drill-down lists exactly what its card counted (for a share, the part that falls short). */
async function expectDrilldownsMatch(posture: TPosture, actor: SeededUser["actor"]) {
  for (const card of posture.groups.flatMap((group) => group.cards)) {
    const url = new URL(card.href, "http://warden.test");
    if (!url.pathname.startsWith("/dashboard/")) continue;
    expect(url.pathname).toBe(`/dashboard/${card.id}`);
    expect(url.searchParams.get("view") ?? "estate").toBe(posture.view);
    const listed = await listCardItems({ actor, query: { card: card.id, view: posture.view }, now: NOW });
    expect(listed.items.length, card.id).toBe(card.total === null ? card.value : card.total - card.value);
    expect(listed.card).toEqual(card);
  }
}

// each test migrates and seeds its own database: several seconds on a busy machine
const SEEDED = 120_000;

describe("posture dashboard", () => {
  it("counts every estate card, trend bucket and share, and links each to exactly what it counted", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const f = await seedEstate();
        const posture = await getPosture({ actor: f.admin.actor, now: NOW });
        expect(posture.view).toBe("estate");
        expect(values(posture)).toEqual({
          orphaned: 2, "no-keys": 4, "old-keys": 1,
          "bearer-servers": 2, "bearer-agents": 1, "unenforced-servers": 1, "sender-constrained-7d": [3, 4], "sender-constrained-30d": [5, 6],
          "tools-unclassified": 2, "tools-drifted": 1, "grants-irreversible": 2, "grants-unused-30d": 3, "grants-unused-90d": 2, "grants-expiring": 1, "toxic-combinations": 0,
          "reviews-overdue": 2, "certified-within-policy": [2, 11], "hardware-keys-unmet": 0, "software-key-agents": 2,
          "servers-reporting": [2, 3], "gateways-stale": 2,
          "denied-calls": 6, "token-refusals": 3,
        });
        expect(posture.groups.map((group) => group.id)).toEqual(["identities", "tokens", "catalog", "recertification", "coverage", "activity"]);
        const trends = posture.trends!;
        expect(trends.points.map((point) => point.date)).toEqual(Array.from({ length: 14 }, (_, index) => dayOf(13 - index)));
        const byDay = (key: "denied" | "refusals" | "issued" | "senderConstrained") => Object.fromEntries(trends.points.flatMap((point, index) => (point[key] ? [[13 - index, point[key]]] : [])));
        expect(byDay("denied")).toEqual({ 0: 2, 1: 3, 5: 1 });
        expect(byDay("refusals")).toEqual({ 1: 2, 2: 1 });
        expect(byDay("issued")).toEqual({ 1: 1, 2: 2, 3: 1, 10: 2 });
        expect(byDay("senderConstrained")).toEqual({ 1: 1, 2: 1, 3: 1, 10: 2 });
        const yesterday = new URL(trends.points[12]!.hrefs.denied, "http://warden.test");
        expect(Object.fromEntries(yesterday.searchParams)).toEqual({ since: `${dayOf(1)}T00:00:00.000Z`, until: `${dayOf(0)}T00:00:00.000Z`, action: "mcp.decision", outcome: "denied" });

        const month = await getPosture({ actor: f.auditor.actor, query: { days: 30 }, now: NOW });
        expect(values(month)).toMatchObject({ "denied-calls": 10, "token-refusals": 3, "sender-constrained-30d": [5, 6] });
        expect(month.trends!.points).toHaveLength(30);

        // audit links: the filters they carry select exactly the counted events
        for (const [card, expected] of [["denied-calls", 6], ["token-refusals", 3], ["sender-constrained-7d", 4], ["sender-constrained-30d", 6]] as const) {
          const url = new URL(hrefOf(posture, card), "http://warden.test");
          expect(url.pathname).toBe("/audit");
          const filters = Object.fromEntries(url.searchParams);
          expect(Object.keys(filters).sort()).toEqual(card === "token-refusals" ? ["class", "outcome", "since"] : card === "denied-calls" ? ["action", "outcome", "since"] : ["action", "since"]);
          const actions = filters.class ? actionsOfClass(filters.class as "token") : [filters.action!];
          const matching = await db().auditEvent.count({ where: { action: { in: actions }, ...(filters.outcome ? { outcome: filters.outcome } : {}), occurredAt: { gte: new Date(filters.since!), lte: NOW } } });
          expect(matching, card).toBe(expected);
        }
        // the Effective access page's rows for tier=irreversible are the card's
        expect(hrefOf(posture, "grants-irreversible")).toBe("/access?tier=irreversible");
        expect((await effectiveAccess({ actor: f.admin.actor, query: { tier: "irreversible", limit: 500 }, now: NOW })).items).toHaveLength(2);
        await expectDrilldownsMatch(posture, f.admin.actor);
        const ids = async (card: "orphaned" | "no-keys" | "unenforced-servers" | "gateways-stale" | "servers-reporting") =>
          (await listCardItems({ actor: f.admin.actor, query: { card }, now: NOW })).items.map((item) => item.id).sort();
        expect(await ids("orphaned")).toEqual([f.s3, f.a3].sort());
        expect(await ids("no-keys")).toEqual([f.s3, f.a3, f.a4, f.g2].sort());
        expect(await ids("unenforced-servers")).toEqual([f.s3]);
        expect(await ids("gateways-stale")).toEqual([f.g2, f.g3].sort());
        expect(await ids("servers-reporting")).toEqual([f.s3]);
      });
    });
  }, SEEDED);

  it("gives owners their own identities needing attention, and keeps the estate to audit readers", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const f = await seedEstate();
        const mine = await getPosture({ actor: f.o1.actor, now: NOW });
        expect(mine).toMatchObject({ view: "mine", trends: null });
        expect(values(mine)).toEqual({
          orphaned: 0, "no-keys": 1, "old-keys": 1, "bearer-servers": 2, "bearer-agents": 1, "unenforced-servers": 0,
          "tools-unclassified": 1, "tools-drifted": 1, "grants-irreversible": 2, "grants-unused-30d": 3, "grants-unused-90d": 2, "grants-expiring": 1, "toxic-combinations": 0,
          "reviews-overdue": 1, "certified-within-policy": [2, 8], "gateways-stale": 1, "hardware-keys-unmet": 0, "software-key-agents": 2,
        });
        expect(hrefOf(mine, "grants-irreversible")).toBe("/dashboard/grants-irreversible?view=mine");
        await expectDrilldownsMatch(mine, f.o1.actor);
        // a backup owner answers for an identity whose primary owner left
        expect(values(await getPosture({ actor: f.o3.actor, now: NOW }))).toMatchObject({ orphaned: 1, "no-keys": 2, "gateways-stale": 1, "reviews-overdue": 0, "certified-within-policy": [0, 2] });
        expect((await listCardItems({ actor: f.o3.actor, query: { card: "orphaned" }, now: NOW })).items.map((item) => item.id)).toEqual([f.a3]);
        // an admin may look at their own view too
        expect((await getPosture({ actor: f.admin.actor, query: { view: "mine" }, now: NOW })).view).toBe("mine");

        expect((await refusal(getPosture({ actor: f.o1.actor, query: { view: "estate" }, now: NOW }))).code).toBe("forbidden");
        expect((await refusal(listCardItems({ actor: f.o1.actor, query: { card: "servers-reporting" }, now: NOW }))).code).toBe("not_found");
        const cookie = (await sessionCookieFor(f.o1.id)).cookie;
        const owner = await call<TPosture>(postureRoute, { path: "/api/v1/posture", cookie });
        expect(owner.status).toBe(200);
        expect(owner.body.view).toBe("mine");
        expect((await call(postureRoute, { path: "/api/v1/posture?view=estate", cookie })).status).toBe(403);
        expect((await call(postureRoute, { path: "/api/v1/posture?days=7", cookie })).status).toBe(422);
        const auditor = await call<TPosture>(postureRoute, { path: "/api/v1/posture?days=30", cookie: (await sessionCookieFor(f.auditor.id)).cookie });
        expect(auditor.status).toBe(200);
        expect(auditor.body).toMatchObject({ view: "estate", trends: { days: 30 } });
        // a service token acts for nobody: it has no "mine", and no estate without audit:read
        const service = await seedApiToken({ role: "auditor", user: null, scopes: ["identities:read"] });
        expect((await call(postureRoute, { path: "/api/v1/posture", bearer: service.secret })).status).toBe(403);
      });
    });
  }, SEEDED);

  it("sees events appended late into a day it already counted, and a gateway that fronts every server", async () => {
    await withFreshDatabase(async (_client, target) => {
      await withGlobalDatabase(target, async () => {
        const f = await seedEstate();
        const before = await getPosture({ actor: f.admin.actor, now: NOW });
        expect(before.trends!.points[10]!.denied).toBe(0);
        await appendAll([event("mcp.decision", ago(3), { outcome: "denied", details: { serverId: f.s1 } }), event("mcp.decision", ago(0, 3), { outcome: "denied", details: { serverId: f.s1 } })]);
        await seedIdentity({ kind: "gateway", owner: f.o1, extra: { frontsAllServers: true } });
        const after = await getPosture({ actor: f.admin.actor, now: NOW });
        expect(after.trends!.points[10]!.denied).toBe(1);
        expect(after.trends!.points[13]!.denied).toBe(3);
        expect(values(after)).toMatchObject({ "denied-calls": 8, "unenforced-servers": 0, "gateways-stale": 3 });
      });
    });
  }, SEEDED);
});
