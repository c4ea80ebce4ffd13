// The identity lifecycle: every allowed transition, every refused one, the
// audit trail with actor and reason, and what revocation does to keys.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { IdentityStatus } from "@/lib/identities/kinds";
import { seedIdentity } from "@/lib/seed/factories";
import { lifecycle, principal } from "./helpers/registry";

type Change = "approve" | "suspend" | "resume" | "revoke";
const ALLOWED: Record<Change, IdentityStatus[]> = {
  approve: ["pending"],
  suspend: ["active"],
  resume: ["suspended"],
  revoke: ["pending", "active", "suspended"],
};
const RESULT: Record<Change, IdentityStatus> = { approve: "active", suspend: "suspended", resume: "active", revoke: "revoked" };
const needsReason = (change: Change) => change === "suspend" || change === "revoke";

describe("identity lifecycle", () => {
  for (const change of Object.keys(ALLOWED) as Change[]) {
    for (const from of ["pending", "active", "suspended", "revoked"] as IdentityStatus[]) {
      const allowed = ALLOWED[change].includes(from);
      it(`${change} from ${from}: ${allowed ? `→ ${RESULT[change]}` : "refused (409)"}`, async () => {
        const admin = await principal("admin");
        const owner = await principal("owner");
        const identity = await seedIdentity({ kind: "agent", owner, status: from });
        const before = await db().auditEvent.count({ where: { targetId: identity.id } });
        const result = await lifecycle(change, identity.id, admin, needsReason(change) ? { reason: `because ${change}` } : {});
        const row = await db().identity.findUniqueOrThrow({ where: { id: identity.id } });
        if (allowed) {
          expect(result.status).toBe(200);
          expect(result.body.status).toBe(RESULT[change]);
          expect(row.status).toBe(RESULT[change]);
          const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: identity.id }, orderBy: { seq: "desc" } });
          const past = { approve: "approved", suspend: "suspended", resume: "resumed", revoke: "revoked" }[change];
          expect(event).toMatchObject({ action: `identity.${past}`, actorType: "api_token", actorId: expect.stringMatching(/^tok_/), actorLabel: expect.stringContaining(admin.email) });
          expect(event.details).toMatchObject({ from, to: RESULT[change], reason: needsReason(change) ? `because ${change}` : null });
        } else {
          expect(result.status).toBe(409);
          expect(result.body.code).toBe("conflict");
          if (from === "revoked") expect(result.body.detail).toContain("can never be reactivated");
          expect(row.status).toBe(from);
          expect(await db().auditEvent.count({ where: { targetId: identity.id } })).toBe(before);
        }
      });
    }
  }

  it("requires a reason to suspend or revoke", async () => {
    const admin = await principal("admin");
    const identity = await seedIdentity({ kind: "server", owner: admin });
    for (const change of ["suspend", "revoke"] as const) {
      for (const body of [{}, { reason: "" }, { reason: "  " }, { reason: "x" }]) {
        const result = await lifecycle(change, identity.id, admin, body);
        expect(result.status, `${change} ${JSON.stringify(body)}`).toBe(422);
        expect(result.body.errors?.[0]?.path).toBe("reason");
      }
    }
    expect((await db().identity.findUniqueOrThrow({ where: { id: identity.id } })).status).toBe("active");
  });

  it("approving records who and when; a pending identity has neither", async () => {
    const admin = await principal("admin");
    const identity = await seedIdentity({ kind: "resource", owner: admin, status: "pending" });
    expect(identity).toMatchObject({ status: "pending", approvedAt: null, approvedById: null });
    const approved = await lifecycle("approve", identity.id, admin);
    expect(approved.body).toMatchObject({ status: "active", approvedById: admin.id });
    expect(approved.body.approvedAt).toEqual(expect.any(String));
  });

  it("revoking revokes every key and records the revocation for the policy bundle", async () => {
    const admin = await principal("admin");
    const identity = await seedIdentity({ kind: "agent", owner: admin });
    for (const kid of ["a", "b"]) {
      await db().identityKey.create({
        data: { id: newId("key"), identityId: identity.id, kid, thumbprint: `${identity.id}-${kid}`, kty: "EC", alg: "ES256", crv: "P-256", publicJwk: { kty: "EC" } },
      });
    }
    const result = await lifecycle("revoke", identity.id, admin, { reason: "key leaked in a public repository" });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: "revoked", statusReason: "key leaked in a public repository", keys: { active: 0, retiring: 0, revoked: 2 } });
    const keys = await db().identityKey.findMany({ where: { identityId: identity.id } });
    expect(keys.every((key) => key.status === "revoked" && key.revokedReason === "identity revoked")).toBe(true);
    const revocations = await db().revocation.findMany({ where: { identityId: identity.id } });
    expect(revocations).toEqual([expect.objectContaining({ subjectType: "identity", subjectId: identity.id, reason: "key leaked in a public repository", revokedById: admin.id })]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: identity.id, action: "identity.revoked" } });
    expect(event.details).toMatchObject({ revokedKeys: 2 });
  });

  it("keeps a revoked identity's history and refuses to change it", async () => {
    const admin = await principal("admin");
    const identity = await seedIdentity({ kind: "server", owner: admin, status: "revoked" });
    const { PATCH } = await import("@/app/api/v1/servers/[id]/route");
    const { call } = await import("./helpers/http");
    const patched = await call<{ code: string }>(PATCH, { method: "PATCH", path: `/api/v1/servers/${identity.id}`, params: { id: identity.id }, bearer: admin.token, body: { name: "renamed" } });
    expect(patched.status).toBe(409);
    const transfer = await lifecycle("transfer", identity.id, admin, { ownerId: (await principal("owner")).id });
    expect(transfer.status).toBe(409);
    expect(await db().auditEvent.count({ where: { targetId: identity.id } })).toBeGreaterThanOrEqual(2);
  });
});
