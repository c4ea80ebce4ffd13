// Toxic-combination policies through the management API, on both databases:
// admins create, change, enable/disable and delete them (audited); unknown
// tags and bad input are refused precisely with nothing changed; others may
// only read; enabling and changing a policy re-evaluates the agents it
// concerns; findings list with a cursor; an agent's capability summary.
import { describe, expect, it } from "vitest";
import { GET as capabilitiesRoute } from "@/app/api/v1/agents/[id]/capabilities/route";
import { POST as acceptRoute } from "@/app/api/v1/toxic-policies/findings/[id]/accept/route";
import { GET as findingsRoute } from "@/app/api/v1/toxic-policies/findings/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/toxic-policies/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/toxic-policies/route";
import { POST as liftRoute } from "@/app/api/v1/toxic-policies/suspensions/[grantId]/lift/route";
import { db } from "@/lib/db/client";
import { getPosture } from "@/lib/posture/get-posture";
import { listCardItems } from "@/lib/posture/list-card-items";
import { seedIdentity } from "@/lib/seed/factories";
import type { TAgentCapabilities, TToxicFinding, TToxicPolicy } from "@/lib/toxic/schemas";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";
import type { Problem } from "./helpers/tool-catalog";
import { eventsFor, grantTools, ownTags, serverWithTools } from "./helpers/toxic";

type Policy = TToxicPolicy & { flaggedAgentIds: string[] } & Problem;

const create = (who: Principal, body: unknown) => call<Policy>(createRoute, { method: "POST", path: "/api/v1/toxic-policies", bearer: who.token, body });
const patch = (who: Principal, id: string, body: unknown) => call<Policy>(patchRoute, { method: "PATCH", path: `/api/v1/toxic-policies/${id}`, params: { id }, bearer: who.token, body });
const remove = (who: Principal, id: string) => call<Policy>(deleteRoute, { method: "DELETE", path: `/api/v1/toxic-policies/${id}`, params: { id }, bearer: who.token });
const get = (who: Principal, id: string) => call<Policy>(getRoute, { path: `/api/v1/toxic-policies/${id}`, params: { id }, bearer: who.token });
const findings = (who: Principal, query: string) => call<{ items: TToxicFinding[]; nextCursor: string | null }>(findingsRoute, { path: `/api/v1/toxic-policies/findings?${query}`, bearer: who.token });
const capabilities = (who: Principal, id: string) => call<TAgentCapabilities & Problem>(capabilitiesRoute, { path: `/api/v1/agents/${id}/capabilities`, params: { id }, bearer: who.token });

/** An agent holding a tool with each tag, the tools on separate servers. */
async function agentHolding(owner: Principal, tags: string[]) {
  const agent = await seedIdentity({ kind: "agent", owner });
  const grants: string[] = [];
  for (const [index, tag] of tags.entries()) {
    const server = await serverWithTools(owner, `Server ${index}`, { [`tool_${index}`]: [tag] });
    grants.push((await grantTools(agent.id, server.server.id, [server.tools[`tool_${index}`]!])).id);
  }
  return { agent, grants };
}

describe("toxic-combination policies", () => {
  it("admins create, read, change, enable/disable and delete them, each change audited", async () => {
    const [admin, auditor] = await Promise.all([principal("admin"), principal("auditor")]);
    const [a, b, c] = await ownTags(3);
    const created = await create(admin, { name: "  Pair of test tags ", description: "Test", tags: [a, b, a, b], mode: "warn" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^txp_/), name: "Pair of test tags", tags: [a, b], mode: "warn", enabled: true, openFindings: 0, createdById: admin.id, flaggedAgentIds: [] });
    const id = created.body.id;
    expect((await eventsFor(id)).map((event) => [event.action, event.details])).toEqual([["toxic_policy.created", { name: "Pair of test tags", tags: [a, b], mode: "warn", enabled: true }]]);

    expect((await get(auditor, id)).body).toMatchObject({ id, tags: [a, b] });
    const listed = await call<{ items: TToxicPolicy[] }>(listRoute, { path: "/api/v1/toxic-policies", bearer: auditor.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([id, "txp_00000000000000000000000001", "txp_00000000000000000000000002"]));

    const changed = await patch(admin, id, { tags: [a, b, c], mode: "block", enabled: false, description: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ tags: [a, b, c], mode: "block", enabled: false, description: null });
    const updated = (await eventsFor(id)).at(-1)!;
    expect(updated.action).toBe("toxic_policy.updated");
    expect(updated.details).toMatchObject({ changes: { tags: { from: [a, b], to: [a, b, c] }, mode: { from: "warn", to: "block" }, enabled: { from: true, to: false }, description: { from: "Test", to: null } } });

    const deleted = await remove(admin, id);
    expect(deleted.status).toBe(200);
    expect(await db().toxicPolicy.findUnique({ where: { id } })).toBeNull();
    expect((await eventsFor(id)).at(-1)!.action).toBe("toxic_policy.deleted");
    expect((await get(admin, id)).status).toBe(404);
    expect((await remove(admin, id)).status).toBe(404);
    expect((await patch(admin, id, { enabled: true })).status).toBe(404);
  });

  it("refuses unknown tags by name, fewer than 2 or more than 10 tags and bad modes, changing nothing", async () => {
    const admin = await principal("admin");
    const [a, b] = await ownTags(2);
    // other files write to the same database: count what these inputs could have made
    const namesTried = ["Unknown tags", "One tag twice", "Too many", "Bad mode", "", "Extra field"];

    const unknown = await create(admin, { name: "Unknown tags", tags: [a, "no-such-tag", "neither-this"], mode: "block" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toBe("Unknown capability tags: no-such-tag, neither-this");
    expect(unknown.body.errors).toEqual([
      { path: "tags", message: 'unknown capability tag "no-such-tag"' },
      { path: "tags", message: 'unknown capability tag "neither-this"' },
    ]);
    const cases: [unknown, string][] = [
      [{ name: "One tag twice", tags: [a, a], mode: "warn" }, "tags"],
      [{ name: "Too many", tags: Array.from({ length: 11 }, (_, index) => `tag-${index}`), mode: "warn" }, "tags"],
      [{ name: "Bad mode", tags: [a, b], mode: "shout" }, "mode"],
      [{ name: "", tags: [a, b], mode: "warn" }, "name"],
      [{ name: "Extra field", tags: [a, b], mode: "warn", owner: "me" }, "owner"],
    ];
    for (const [body, path] of cases) {
      const result = await create(admin, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.errors?.map((issue) => issue.path)[0], JSON.stringify(body)).toBe(path);
    }

    const policy = await create(admin, { name: "Valid pair", tags: [a, b], mode: "warn" });
    const row = await db().toxicPolicy.findUniqueOrThrow({ where: { id: policy.body.id } });
    const badPatch = await patch(admin, policy.body.id, { tags: [a, "ghost-tag"], mode: "block" });
    expect(badPatch.status).toBe(422);
    expect(badPatch.body.errors).toEqual([{ path: "tags", message: 'unknown capability tag "ghost-tag"' }]);
    expect((await patch(admin, policy.body.id, {})).status).toBe(422);
    expect(await db().toxicPolicy.findUniqueOrThrow({ where: { id: policy.body.id } })).toEqual(row);
    expect((await eventsFor(policy.body.id)).map((event) => event.action)).toEqual(["toxic_policy.created"]);
    expect(await db().toxicPolicy.count({ where: { name: { in: namesTried } } })).toBe(0);
  });

  it("lets owners and auditors read but not change them, or act on findings and suspensions", async () => {
    const [admin, owner, auditor] = await Promise.all([principal("admin"), principal("owner"), principal("auditor")]);
    const [a, b] = await ownTags(2);
    const { agent, grants } = await agentHolding(owner, [a!, b!]);
    const policy = await create(admin, { name: "Watched pair", tags: [a, b], mode: "warn" });
    expect(policy.body.flaggedAgentIds).toEqual([agent.id]);
    const finding = await db().toxicFinding.findFirstOrThrow({ where: { agentId: agent.id, policyId: policy.body.id } });
    const row = await db().toxicPolicy.findUniqueOrThrow({ where: { id: policy.body.id } });
    for (const who of [owner, auditor]) {
      expect((await create(who, { name: "Not mine", tags: [a, b], mode: "warn" })).status).toBe(403);
      expect((await patch(who, policy.body.id, { enabled: false })).status).toBe(403);
      expect((await remove(who, policy.body.id)).status).toBe(403);
      const accept = await call(acceptRoute, { method: "POST", path: `/api/v1/toxic-policies/findings/${finding.id}/accept`, params: { id: finding.id }, bearer: who.token, body: { justification: "Looks fine to me, honestly" } });
      expect(accept.status).toBe(403);
      const lift = await call(liftRoute, { method: "POST", path: `/api/v1/toxic-policies/suspensions/${grants[0]}/lift`, params: { grantId: grants[0]! }, bearer: who.token, body: { reason: "please" } });
      expect(lift.status).toBe(403);
      expect((await get(who, policy.body.id)).status).toBe(200);
      expect((await findings(who, `policyId=${policy.body.id}`)).body.items.map((item) => item.id)).toEqual([finding.id]);
    }
    expect(await db().toxicPolicy.findUniqueOrThrow({ where: { id: policy.body.id } })).toEqual(row);
    expect((await db().toxicFinding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe("open");
    expect((await call(listRoute, { path: "/api/v1/toxic-policies" })).status).toBe(401);

    const accepted = await call<TToxicFinding>(acceptRoute, { method: "POST", path: `/api/v1/toxic-policies/findings/${finding.id}/accept`, params: { id: finding.id }, bearer: admin.token, body: { justification: "short" } });
    expect(accepted.status).toBe(422);
    const lifted = await call<Problem>(liftRoute, { method: "POST", path: `/api/v1/toxic-policies/suspensions/${grants[0]}/lift`, params: { grantId: grants[0]! }, bearer: admin.token, body: { reason: "not suspended at all" } });
    expect(lifted.status).toBe(409);
    expect(lifted.body.detail).toBe("This grant is not suspended");
  });

  it("re-evaluates the agents a policy concerns when it is enabled, changed or disabled", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const [a, b, c] = await ownTags(3);
    const { agent, grants } = await agentHolding(owner, [a!, b!]);
    const bystander = await agentHolding(owner, [a!]);
    const policy = await create(admin, { name: "Dormant pair", tags: [a, b], mode: "block", enabled: false });
    expect(policy.body.flaggedAgentIds).toEqual([]);
    expect(await db().toxicFinding.count({ where: { policyId: policy.body.id } })).toBe(0);

    const enabled = await patch(admin, policy.body.id, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, openFindings: 1, flaggedAgentIds: [agent.id] });
    const suspended = await db().grant.findMany({ where: { id: { in: grants } } });
    expect(suspended.every((grant) => grant.suspendedAt !== null && grant.suspendedReason?.startsWith("Dormant pair: "))).toBe(true);
    expect(await db().grant.count({ where: { id: { in: bystander.grants }, suspendedAt: { not: null } } })).toBe(0);

    // a third tag the agent lacks: no longer violated, the finding resolves (suspensions wait for an admin)
    const widened = await patch(admin, policy.body.id, { tags: [a, b, c] });
    expect(widened.body).toMatchObject({ openFindings: 0, flaggedAgentIds: [] });
    expect((await db().toxicFinding.findFirstOrThrow({ where: { agentId: agent.id, policyId: policy.body.id } })).status).toBe("resolved");
    const lift = await call<{ grantId: string }>(liftRoute, { method: "POST", path: `/api/v1/toxic-policies/suspensions/${grants[0]}/lift`, params: { grantId: grants[0]! }, bearer: admin.token, body: { reason: "reviewed" } });
    expect(lift.status).toBe(200);
    expect((await db().grant.findUniqueOrThrow({ where: { id: grants[0]! } })).suspendedAt).toBeNull();

    const narrowed = await patch(admin, policy.body.id, { tags: [a, b], mode: "warn" });
    expect(narrowed.body).toMatchObject({ openFindings: 1, flaggedAgentIds: [agent.id] });
    const disabled = await patch(admin, policy.body.id, { enabled: false });
    expect(disabled.body).toMatchObject({ openFindings: 0, flaggedAgentIds: [] });
    expect((await db().toxicFinding.findFirstOrThrow({ where: { agentId: agent.id, policyId: policy.body.id } })).status).toBe("resolved");
  });

  it("lists open findings across agents with a cursor, and summarises an agent's capabilities", async () => {
    const [admin, owner, auditor] = await Promise.all([principal("admin"), principal("owner"), principal("auditor")]);
    const [a, b] = await ownTags(2);
    const agents = [await agentHolding(owner, [a!, b!]), await agentHolding(owner, [a!, b!]), await agentHolding(owner, [a!, b!])];
    const policy = await create(admin, { name: "Listed pair", tags: [a, b], mode: "require_approval" });
    expect(policy.body.flaggedAgentIds.sort()).toEqual(agents.map((item) => item.agent.id).sort());

    const first = await findings(auditor, `policyId=${policy.body.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe(first.body.items[1]!.id);
    const second = await findings(auditor, `policyId=${policy.body.id}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((item) => item.agent.id).sort()).toEqual(agents.map((item) => item.agent.id).sort());
    expect(all[0]).toMatchObject({ status: "open", policy: { id: policy.body.id, name: "Listed pair", mode: "require_approval", enabled: true }, explanation: expect.stringMatching(/^Listed pair: tool_0 on Server 0 \w+ \(t-/) });
    expect((await findings(auditor, "cursor=nonsense")).status).toBe(422);
    expect((await findings(auditor, `status=resolved&policyId=${policy.body.id}`)).body.items).toEqual([]);

    const target = agents[0]!;
    const summary = await capabilities(auditor, target.agent.id);
    expect(summary.status).toBe(200);
    expect(summary.body.tags.map((tag) => [tag.tag, tag.tools.map((item) => [item.toolName, item.grantId, item.suspended])])).toEqual([
      [a, [["tool_0", target.grants[0], false]]],
      [b, [["tool_1", target.grants[1], false]]],
    ]);
    expect(summary.body.findings.map((finding) => [finding.policy.id, finding.policy.mode, finding.status])).toEqual([[policy.body.id, "require_approval", "open"]]);
    expect(summary.body.suspendedGrants).toEqual([]);
    expect((await capabilities(auditor, `agt_${"0".repeat(26)}`)).status).toBe(404);

    // the owner's posture counts their agents' open findings, and the drill-down lists exactly those
    const mine = await getPosture({ actor: owner.actor, query: { view: "mine" } });
    const card = mine.groups.flatMap((group) => group.cards).find((item) => item.id === "toxic-combinations")!;
    expect(card).toMatchObject({ title: "Agents holding toxic combinations", value: 3, severity: "critical", href: "/dashboard/toxic-combinations?view=mine" });
    const listed = await listCardItems({ actor: owner.actor, query: { card: "toxic-combinations", view: "mine" } });
    expect(listed.items.map((item) => item.href).sort()).toEqual(agents.map((item) => `/agents/${item.agent.id}`).sort());
    expect(listed.items[0]).toMatchObject({ title: expect.stringContaining(": Listed pair"), subtitle: "require approval mode", detail: expect.stringMatching(/^Listed pair: /) });

    // a second policy over the same tags: six findings, still three agents — the card counts agents, its list each combination
    await create(admin, { name: "Listed pair, again", tags: [a, b], mode: "warn" });
    const again = (await getPosture({ actor: owner.actor, query: { view: "mine" } })).groups.flatMap((group) => group.cards).find((item) => item.id === "toxic-combinations")!;
    expect(again.value).toBe(3);
    expect((await listCardItems({ actor: owner.actor, query: { card: "toxic-combinations", view: "mine" } })).items).toHaveLength(6);
    expect((await capabilities(auditor, "srv_nope")).status).toBe(422);
  });
});
