// Revocation reach: a revocation records the first policy revision containing
// it, and the console counts the active gateways fronting an affected server
// that report enforcing that revision or a later one.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { recordEnforcementStatus } from "@/lib/policy/status/record-status";
import { listRevocations } from "@/lib/policy/status/list-revocations";
import { seedIdentity } from "@/lib/seed/factories";
import { oauthFixture } from "./helpers/oauth";

const frontsAll = () => db().identity.count({ where: { kind: "gateway", status: "active", frontsAllServers: true } });
const report = (identityId: string, revision: number) => recordEnforcementStatus(identityId, { revision, lastSuccessfulFetch: new Date().toISOString(), errors: [], version: "test/1" });

describe("revocation reach", () => {
  it("counts the fronting gateways that enforce a revision containing the revocation", async () => {
    const f = await oauthFixture();
    const other = await oauthFixture();
    const near = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
    const far = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
    const unrelated = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [other.server.id] } });

    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: f.agent.id, change: "revoke", reason: "reach test" });
    const stored = await db().revocation.findFirstOrThrow({ where: { identityId: f.agent.id } });
    expect(stored.revision).not.toBeNull();
    const revision = Number(stored.revision);
    expect(revision).toBeLessThanOrEqual(Number((await db().policyState.findUniqueOrThrow({ where: { id: 1 } })).revision));

    const reach = async () => {
      const before = await frontsAll();
      const page = await listRevocations({ actor: SYSTEM_ACTOR, limit: 100 });
      const after = await frontsAll();
      const row = page.items.find((item) => item.subjectId === f.agent.id)!;
      expect(row).toMatchObject({ subjectType: "identity", identity: { id: f.agent.id, kind: "agent" }, reason: "reach test", revision });
      // gateways fronting every server count too; other test files may add some meanwhile
      expect(row.reach!.total).toBeGreaterThanOrEqual(2 + before);
      expect(row.reach!.total).toBeLessThanOrEqual(2 + after);
      return row.reach!.reached;
    };

    expect(await reach()).toBe(0);
    await report(unrelated.id, revision + 10);
    expect(await reach()).toBe(0);
    await report(near.id, revision);
    expect(await reach()).toBe(1);
    await report(far.id, revision - 1);
    expect(await reach()).toBe(1);
    await report(far.id, revision + 3);
    expect(await reach()).toBe(2);
  });

  it("lists grant revocations against the grant's own server only", async () => {
    const f = await oauthFixture();
    const other = await oauthFixture();
    // the agent also holds a grant on another server; revoking the first grant does not concern that server's gateways
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: other.server.id, toolIds: [other.tool("read_ledger").id], justification: "reach test" } });
    const fronting = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
    await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [other.server.id] } });
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "grant reach test" } });
    const row = async () => (await listRevocations({ actor: SYSTEM_ACTOR, limit: 100 })).items.find((item) => item.subjectId === f.grant.id)!;
    const before = await frontsAll();
    const listed = await row();
    expect(listed).toMatchObject({ subjectType: "grant", identity: { id: f.agent.id }, reason: "grant reach test", reach: { reached: 0 } });
    expect(listed.reach!.total).toBeGreaterThanOrEqual(1 + before);
    expect(listed.reach!.total).toBeLessThanOrEqual(1 + (await frontsAll()));
    await report(fronting.id, listed.revision!);
    expect((await row()).reach!.reached).toBe(1);
  });

  it("has no gateways to reach when no server is affected (a resource)", async () => {
    const f = await oauthFixture();
    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: f.resource.id, change: "revoke", reason: "reach test" });
    const page = await listRevocations({ actor: SYSTEM_ACTOR, limit: 100 });
    expect(page.items.find((item) => item.subjectId === f.resource.id)).toMatchObject({ reach: null });
  });
});
