// A suspended grant (a block-mode toxic-combination policy suspends the grants
// that complete the combination) gives no effective access anywhere: not at
// the token endpoint, not in the effective-access view, not in the policy
// bundle the gateways enforce, not in the posture tallies — and shows as
// suspended, with its reason, in the grants list. Lifting it restores all.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { effectiveAccess } from "@/lib/grants/effective-access";
import { listGrants } from "@/lib/grants/list-grants";
import { ZListGrantsQuery } from "@/lib/grants/schemas";
import { compileBundle, viewOf } from "@/lib/policy/bundle/compile";
import { bumpPolicyRevision } from "@/lib/policy/revision";
import { ZEffectiveAccessQuery } from "@/lib/grants/schemas";
import { agentToken, oauthFixture } from "./helpers/oauth";

async function setSuspended(grantId: string, suspended: boolean) {
  await transact(async (tx) => {
    await tx.grant.update({ where: { id: grantId }, data: suspended ? { suspendedAt: new Date(), suspendedReason: "Lethal trifecta: read_ledger (reads-private-data), …" } : { suspendedAt: null, suspendedReason: null } });
    await bumpPolicyRevision(tx);
  });
}

describe("suspended grants", () => {
  it("give no effective access until lifted", async () => {
    const f = await oauthFixture();
    const view = (await viewOf(f.server.id))!;
    const held = async () => (await effectiveAccess({ actor: SYSTEM_ACTOR, query: ZEffectiveAccessQuery.parse({ agentId: f.agent.id }) })).items.map((item) => item.scope).sort();
    const bundled = async () => (await compileBundle(view)).grants.filter((grant) => grant.id === f.grant.id);
    expect(await held()).toEqual([f.scope("post_entry"), f.scope("read_ledger")]);
    expect(await bundled()).toHaveLength(1);

    await setSuspended(f.grant.id, true);
    expect(await held()).toEqual([]);
    expect(await bundled()).toEqual([]);
    const refused = await agentToken(f, { scope: f.scope("read_ledger") });
    expect(refused.body).toMatchObject({ error: "invalid_scope" });
    const listed = await listGrants({ actor: SYSTEM_ACTOR, query: ZListGrantsQuery.parse({ agentId: f.agent.id, state: "suspended" }) });
    expect(listed.items).toMatchObject([{ id: f.grant.id, state: "suspended", suspendedReason: expect.stringContaining("Lethal trifecta") }]);
    expect((await listGrants({ actor: SYSTEM_ACTOR, query: ZListGrantsQuery.parse({ agentId: f.agent.id }) })).items).toEqual([]);

    await setSuspended(f.grant.id, false);
    expect(await held()).toEqual([f.scope("post_entry"), f.scope("read_ledger")]);
    expect(await bundled()).toHaveLength(1);
    expect((await agentToken(f, { scope: f.scope("read_ledger") })).status).toBe(200);
    expect((await db().grant.findUnique({ where: { id: f.grant.id } }))?.revokedAt).toBeNull();
  });
});
