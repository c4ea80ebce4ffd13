// Orphans and bulk reassignment: deactivating an owner orphans what they own;
// an admin moves it all to a new owner at once, one audit event per identity.
import { describe, expect, it } from "vitest";
import { POST as reassignRoute } from "@/app/api/v1/identities/reassign/route";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { call } from "./helpers/http";
import { lifecycle, principal } from "./helpers/registry";

describe("orphans and reassignment", () => {
  it("reassigns every identity of a deactivated owner and audits each move", async () => {
    const admin = await principal("admin");
    const leaver = await principal("owner");
    const heir = await principal("owner");
    const identities = [await seedIdentity({ kind: "server", owner: leaver }), await seedIdentity({ kind: "agent", owner: leaver }), await seedIdentity({ kind: "resource", owner: leaver })];
    const revoked = await seedIdentity({ kind: "agent", owner: leaver, status: "revoked" });
    const deactivated = await deactivateUser({ actor: admin.actor, userId: leaver.id });
    expect(deactivated.active).toBe(false);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: leaver.id, action: "user.deactivated" } });
    expect(event.details).toMatchObject({ orphanedIdentities: 4 });

    const result = await call<{ reassigned: number; identityIds: string[] }>(reassignRoute, {
      method: "POST",
      path: "/api/v1/identities/reassign",
      bearer: admin.token,
      body: { fromOwnerId: leaver.id, ownerId: heir.id, reason: "leaver process" },
    });
    expect(result.status).toBe(200);
    expect(result.body.reassigned).toBe(3);
    expect(result.body.identityIds.sort()).toEqual(identities.map((identity) => identity.id).sort());
    for (const identity of identities) {
      const row = await db().identity.findUniqueOrThrow({ where: { id: identity.id } });
      expect(row.ownerId).toBe(heir.id);
      const moved = await db().auditEvent.findFirstOrThrow({ where: { targetId: identity.id, action: "identity.owner_transferred" } });
      expect(moved.details).toMatchObject({ from: { ownerId: leaver.id }, to: { ownerId: heir.id }, via: "bulk_reassign", reason: "leaver process" });
    }
    // revoked identities keep their last owner on record
    expect((await db().identity.findUniqueOrThrow({ where: { id: revoked.id } })).ownerId).toBe(leaver.id);
  });

  it("is all or nothing, and admins only", async () => {
    const admin = await principal("admin");
    const owner = await principal("owner");
    const heir = await principal("owner");
    const identity = await seedIdentity({ kind: "agent", owner });
    const missing = await call<{ errors: { path: string }[] }>(reassignRoute, {
      method: "POST",
      path: "/api/v1/identities/reassign",
      bearer: admin.token,
      body: { identityIds: [identity.id, "agt_00000000000000000000000000"], ownerId: heir.id },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]?.path).toBe("identityIds");
    expect((await db().identity.findUniqueOrThrow({ where: { id: identity.id } })).ownerId).toBe(owner.id);
    const byOwner = await call(reassignRoute, { method: "POST", path: "/api/v1/identities/reassign", bearer: owner.token, body: { identityIds: [identity.id], ownerId: heir.id } });
    expect(byOwner.status).toBe(403);
    const both = await call(reassignRoute, { method: "POST", path: "/api/v1/identities/reassign", bearer: admin.token, body: { identityIds: [identity.id], fromOwnerId: owner.id, ownerId: heir.id } });
    expect(both.status).toBe(422);
  });

  it("transfers one identity, recording old and new owners, to active users only", async () => {
    const owner = await principal("owner");
    const next = await principal("owner");
    const gone = await principal("owner");
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    const identity = await seedIdentity({ kind: "server", owner });
    expect((await lifecycle("transfer", identity.id, owner, { ownerId: gone.id })).status).toBe(422);
    const result = await lifecycle("transfer", identity.id, owner, { ownerId: next.id, backupOwnerId: owner.id, reason: "handover" });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ owner: { id: next.id }, backupOwner: { id: owner.id } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: identity.id, action: "identity.owner_transferred" } });
    expect(event.details).toMatchObject({ from: { ownerId: owner.id, backupOwnerId: null }, to: { ownerId: next.id, backupOwnerId: owner.id }, reason: "handover", via: "transfer" });
    // the former owner is now the backup, so may still change it
    expect((await lifecycle("suspend", identity.id, owner, { reason: "still allowed as backup" })).status).toBe(200);
  });
});
