// Who may change an identity: its primary owner, its backup owner and admins;
// not another owner, not an auditor. One test per mutation and principal.
import { describe, expect, it } from "vitest";
import { PATCH as updateAgentRoute } from "@/app/api/v1/agents/[id]/route";
import { POST as challengeRoute } from "@/app/api/v1/identities/[id]/keys/challenge/route";
import { POST as retireKeyRoute } from "@/app/api/v1/identities/[id]/keys/[keyId]/retire/route";
import { POST as revokeKeyRoute } from "@/app/api/v1/identities/[id]/keys/[keyId]/revoke/route";
import { newId } from "@/lib/ids";
import { POST as registerAgentRoute } from "@/app/api/v1/agents/route";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { lifecycle, principal, type Principal } from "./helpers/registry";

type Who = "owner" | "backup" | "other owner" | "admin" | "auditor";

async function cast() {
  const owner = await principal("owner");
  const backup = await principal("owner");
  const people: Record<Who, Principal> = { owner, backup, "other owner": await principal("owner"), admin: await principal("admin"), auditor: await principal("auditor") };
  return people;
}

async function agentOf(people: Record<Who, Principal>, status: "active" | "pending" | "suspended" = "active") {
  const agent = await seedIdentity({ kind: "agent", owner: people.owner, status });
  await db().identity.update({ where: { id: agent.id }, data: { backupOwnerId: people.backup.id } });
  return agent;
}

const EXPECTED: Record<string, Record<Who, number>> = {
  update: { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
  transfer: { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
  approve: { owner: 403, backup: 403, "other owner": 403, admin: 200, auditor: 403 },
  suspend: { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
  resume: { owner: 403, backup: 403, "other owner": 403, admin: 200, auditor: 403 },
  revoke: { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
  "key challenge": { owner: 201, backup: 201, "other owner": 403, admin: 201, auditor: 403 },
  "retire key": { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
  "revoke key": { owner: 200, backup: 200, "other owner": 403, admin: 200, auditor: 403 },
};

async function keyOf(identityId: string): Promise<string> {
  const id = newId("key");
  await db().identityKey.create({ data: { id, identityId, kid: id, thumbprint: `tp-${id}`, kty: "EC", alg: "ES256", crv: "P-256", publicJwk: { kty: "EC" } } });
  return id;
}

describe("registry permission matrix", () => {
  for (const [mutation, expected] of Object.entries(EXPECTED)) {
    for (const who of Object.keys(expected) as Who[]) {
      it(`${mutation} by ${who} → ${expected[who]}`, async () => {
        const people = await cast();
        const status = mutation === "approve" ? "pending" : mutation === "resume" ? "suspended" : "active";
        const agent = await agentOf(people, status);
        const before = await db().identity.findUniqueOrThrow({ where: { id: agent.id } });
        let result;
        const keyId = mutation.endsWith(" key") ? await keyOf(agent.id) : null;
        const keyBefore = keyId ? await db().identityKey.findUniqueOrThrow({ where: { id: keyId } }) : null;
        if (mutation === "key challenge") {
          result = await call(challengeRoute, { method: "POST", path: `/api/v1/identities/${agent.id}/keys/challenge`, params: { id: agent.id }, bearer: people[who].token });
        } else if (mutation === "retire key" || mutation === "revoke key") {
          const action = mutation === "retire key" ? "retire" : "revoke";
          result = await call(action === "retire" ? retireKeyRoute : revokeKeyRoute, {
            method: "POST",
            path: `/api/v1/identities/${agent.id}/keys/${keyId}/${action}`,
            params: { id: agent.id, keyId: keyId! },
            bearer: people[who].token,
            body: action === "retire" ? { overlapDays: 3 } : { reason: "matrix test" },
          });
          const keyAfter = await db().identityKey.findUniqueOrThrow({ where: { id: keyId! } });
          expect(result.status).toBe(expected[who]);
          if (expected[who] === 403) expect(keyAfter).toEqual(keyBefore);
          else expect(keyAfter.status).toBe(action === "retire" ? "retiring" : "revoked");
          return;
        } else if (mutation === "update") {
          result = await call(updateAgentRoute, { method: "PATCH", path: `/api/v1/agents/${agent.id}`, params: { id: agent.id }, bearer: people[who].token, body: { description: `changed by ${who}` } });
        } else if (mutation === "transfer") {
          result = await lifecycle("transfer", agent.id, people[who], { ownerId: people["other owner"].id, reason: "team change" });
        } else {
          result = await lifecycle(mutation as "approve", agent.id, people[who], mutation === "suspend" || mutation === "revoke" ? { reason: "matrix test" } : {});
        }
        expect(result.status).toBe(expected[who]);
        if (mutation === "key challenge") {
          expect(await db().keyChallenge.count({ where: { identityId: agent.id } })).toBe(expected[who] === 403 ? 0 : 1);
          return;
        }
        const after = await db().identity.findUniqueOrThrow({ where: { id: agent.id } });
        if (expected[who] === 403) expect(after).toEqual(before);
        else expect(after).not.toEqual(before);
      });
    }
  }

  it("owners register only for themselves and never set the risk tier; admins may do both", async () => {
    const people = await cast();
    const register = (who: Principal, body: Record<string, unknown>) =>
      call<{ id: string; riskTier: string; owner: { id: string } }>(registerAgentRoute, { method: "POST", path: "/api/v1/agents", bearer: who.token, body: { name: `agent ${Math.random()}`, ...body } });
    expect((await register(people.owner, { ownerId: people.backup.id })).status).toBe(403);
    expect((await register(people.owner, { ownerId: people.owner.id, riskTier: "low" })).status).toBe(403);
    expect((await register(people.auditor, { ownerId: people.auditor.id })).status).toBe(403);
    const own = await register(people.owner, { ownerId: people.owner.id });
    expect(own.status).toBe(201);
    expect(own.body.riskTier).toBe("medium");
    const byAdmin = await register(people.admin, { ownerId: people.owner.id, riskTier: "high" });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ riskTier: "high", owner: { id: people.owner.id } });
  });

  it("only admins change the risk tier of an existing identity", async () => {
    const people = await cast();
    const agent = await agentOf(people);
    const patch = (who: Principal) => call(updateAgentRoute, { method: "PATCH", path: `/api/v1/agents/${agent.id}`, params: { id: agent.id }, bearer: who.token, body: { riskTier: "high" } });
    expect((await patch(people.owner)).status).toBe(403);
    expect((await patch(people.admin)).status).toBe(200);
    expect((await db().identity.findUniqueOrThrow({ where: { id: agent.id } })).riskTier).toBe("high");
  });
});
