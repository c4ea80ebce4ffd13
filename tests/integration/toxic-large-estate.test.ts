// Toxic-combination re-evaluation past SQLite's 999 bound parameters: 1,050
// agents holding a policy's tags on one server, reached through the real entry
// points (a policy created, the server suspended and resumed, a tool's tags
// changed, 1,000 drifted tools reviewed). Each once passed every agent (or
// tool) id to Prisma in one `in` list, which SQLite refuses (P2029). The bulk
// rows (agents, grants, grant tools, drifted tools) are inserted with
// createMany in the shapes the domain code writes; tags, servers and policies
// go through the domain functions. Also: with no enabled policy, re-evaluation
// reads no access at all, and still resolves the findings a disabled policy leaves.
import { describe, expect, it } from "vitest";
import { setToolCapabilities } from "@/lib/capabilities/set-tool-capabilities";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { transact, type Tx } from "@/lib/db/transaction";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { newId } from "@/lib/ids";
import { seedIdentity, seedUser, type SeededUser } from "@/lib/seed/factories";
import { reevaluateAgents } from "@/lib/toxic/check";
import { createToxicPolicy } from "@/lib/toxic/create-toxic-policy";
import { updateToxicPolicy } from "@/lib/toxic/update-toxic-policy";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { grantTools, ownTags, serverWithTools, type ToolRef } from "./helpers/toxic";

const AGENTS = 1_050;
const DRIFTED_TOOLS = 1_000;
const pad = (n: number) => String(n).padStart(5, "0");
const agentId = (i: number) => `agt_large${pad(i)}`;
// names run the other way from ids, so "sorted by name" is not "sorted by id"
const agentName = (i: number) => `Agent ${pad(AGENTS - i)}`;
const allAgentIds = Array.from({ length: AGENTS }, (_, i) => agentId(i)).sort();

type Estate = { admin: SeededUser; owner: SeededUser; tags: [string, string]; server: { id: string }; tools: Record<string, ToolRef> };

/** AGENTS active agents (made here unless `create` is false), each given one grant on `serverId` holding `tools`. */
async function agentsHolding(owner: SeededUser, serverId: string, tools: ToolRef[], create = true): Promise<void> {
  if (create) {
    await db().identity.createMany({
      data: Array.from({ length: AGENTS }, (_, i) => ({
        id: agentId(i),
        kind: "agent" as const,
        status: "active" as const,
        environment: "production" as const,
        ownerId: owner.id,
        slug: `large-agent-${i}`,
        name: agentName(i),
        clientId: `large-agent-${i}`,
        searchText: `agent ${i}`,
      })),
    });
  }
  const grants = Array.from({ length: AGENTS }, (_, i) => ({ id: newId("grant"), agentId: agentId(i), serverId, justification: "large estate", grantedById: null }));
  await db().grant.createMany({ data: grants });
  await db().grantTool.createMany({ data: grants.flatMap((grant) => tools.map((tool) => ({ grantId: grant.id, toolId: tool.id, scope: tool.scope }))) });
}

/** A fresh database with two capability tags and a server whose tools give one each: read_secrets (first tag) and send_mail (second). */
function withEstate(fn: (estate: Estate) => Promise<void>): Promise<void> {
  return withFreshDatabase((_client, target) =>
    withGlobalDatabase(target, async () => {
      const admin = await seedUser({ role: "admin" });
      const owner = await seedUser({ role: "owner" });
      const [a, b] = (await ownTags(2)) as [string, string];
      const { server, tools } = await serverWithTools(owner, "Mail", { read_secrets: [a], send_mail: [b] });
      await fn({ admin, owner, tags: [a, b], server, tools });
    }),
  );
}

const policyInput = (tags: string[]) => ({ name: "Secrets out by mail", tags, mode: "warn" as const });

const findingCounts = async (policyId: string) => ({
  open: await db().toxicFinding.count({ where: { policyId, status: "open" } }),
  resolved: await db().toxicFinding.count({ where: { policyId, status: "resolved" } }),
});

describe("toxic-combination re-evaluation of more than 999 agents", () => {
  it("a policy created over their tags flags every agent", async () => {
    await withEstate(async ({ admin, owner, tags, server, tools }) => {
      await agentsHolding(owner, server.id, [tools.read_secrets!, tools.send_mail!]);
      const policy = await createToxicPolicy({ actor: admin.actor, input: policyInput(tags) });
      expect(policy.flaggedAgentIds.sort()).toEqual(allAgentIds);
      expect(await findingCounts(policy.id)).toEqual({ open: AGENTS, resolved: 0 });
    });
  }, 60_000);

  it("suspending the server resolves every agent's finding, and resuming it opens them all again", async () => {
    await withEstate(async ({ admin, owner, tags, server, tools }) => {
      // the policy first, so its creation concerns nobody; the findings as the evaluation would have opened them
      const policy = await createToxicPolicy({ actor: admin.actor, input: policyInput(tags) });
      await agentsHolding(owner, server.id, [tools.read_secrets!, tools.send_mail!]);
      await db().toxicFinding.createMany({ data: allAgentIds.map((id) => ({ id: newId("toxicFinding"), agentId: id, policyId: policy.id, status: "open", tools: {} })) });

      await changeIdentityStatus({ actor: owner.actor, identityId: server.id, change: "suspend", reason: "incident on the mail server" });
      expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: AGENTS });
      expect(await db().auditEvent.count({ where: { action: "toxic_finding.resolved" } })).toBe(AGENTS);

      await changeIdentityStatus({ actor: admin.actor, identityId: server.id, change: "resume" });
      expect(await findingCounts(policy.id)).toEqual({ open: AGENTS, resolved: 0 });
      expect(await db().auditEvent.count({ where: { action: "toxic_finding.opened" } })).toBe(AGENTS);
    });
  }, 60_000);

  it("changing the tags of the widely held tool re-evaluates every holder and names each agent it flags, by name", async () => {
    await withEstate(async ({ admin, owner, tags, server, tools }) => {
      const policy = await createToxicPolicy({ actor: admin.actor, input: policyInput(tags) });
      await agentsHolding(owner, server.id, [tools.read_secrets!, tools.send_mail!]);
      const sendMail = tools.send_mail!.id;

      const removed = await setToolCapabilities({ actor: owner.actor, serverId: server.id, toolId: sendMail, input: { tags: [] } });
      expect(removed).toMatchObject({ changed: true, removed: [tags[1]], reevaluatedAgents: AGENTS, flaggedAgents: [] });
      expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: 0 });

      const added = await setToolCapabilities({ actor: owner.actor, serverId: server.id, toolId: sendMail, input: { tags: [tags[1]] } });
      expect(added).toMatchObject({ changed: true, added: [tags[1]], reevaluatedAgents: AGENTS });
      const byName = Array.from({ length: AGENTS }, (_, i) => ({ id: agentId(i), name: agentName(i) })).sort((x, y) => (x.name < y.name ? -1 : 1));
      expect(added.flaggedAgents).toEqual(byName);
      expect(await findingCounts(policy.id)).toEqual({ open: AGENTS, resolved: 0 });
    });
  }, 60_000);

  it("reviewing 1,000 drifted tools re-evaluates every agent holding one of them", async () => {
    await withEstate(async ({ admin, owner, tags, server, tools }) => {
      const policy = await createToxicPolicy({ actor: admin.actor, input: policyInput(tags) });
      await agentsHolding(owner, server.id, [tools.read_secrets!]);
      // an outbox server whose 1,000 approved tools all drifted (unclassified again, tier and approval kept), as apply-proposal leaves them
      const outbox = await seedIdentity({ kind: "server", owner, name: "Outbox" });
      const approvedAt = new Date(Date.now() - 86_400_000);
      const drifted = Array.from({ length: DRIFTED_TOOLS }, (_, i) => ({
        id: newId("tool"),
        serverId: outbox.id,
        name: `send_${pad(i)}`,
        description: `Sends message kind ${i}`,
        inputSchema: { type: "object" },
        inputSchemaHash: `hash-${i}`,
        proposedTier: "read" as const,
        tier: "read" as const,
        status: "unclassified" as const,
        scope: `mcp:${outbox.slug}:send_${pad(i)}`,
        approvedFingerprint: `approved-${i}`,
        approvedById: owner.id,
        approvedAt,
        driftedAt: new Date(),
      }));
      await db().tool.createMany({ data: drifted });
      await db().toolCapability.create({ data: { toolId: drifted[0]!.id, tag: tags[1], status: "approved", source: "manual", approvedAt } });
      await agentsHolding(owner, outbox.id, [{ id: drifted[0]!.id, name: drifted[0]!.name, scope: drifted[0]!.scope }], false);
      expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: 0 });

      const reviewed = await reviewTools({ actor: owner.actor, serverId: outbox.id, input: { decisions: drifted.map((tool) => ({ toolId: tool.id, tier: "read" as const })) } });
      expect(reviewed.tools.filter((tool) => tool.status === "approved")).toHaveLength(DRIFTED_TOOLS);
      expect(await findingCounts(policy.id)).toEqual({ open: AGENTS, resolved: 0 });
    });
  }, 60_000);
});

/** `tx` with a log of the model methods and raw statements called through it. */
function recording(tx: Tx): { tx: Tx; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof prop !== "string") return value;
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          calls.push(prop);
          return (value as (...rest: unknown[]) => unknown).apply(target, args);
        };
      }
      if (value && typeof value === "object") {
        return new Proxy(value, {
          get(model, method) {
            const fn: unknown = Reflect.get(model, method);
            if (typeof fn !== "function" || typeof method !== "string") return fn;
            return (...args: unknown[]) => {
              calls.push(`${prop}.${method}`);
              return (fn as (...rest: unknown[]) => unknown).apply(model, args);
            };
          },
        });
      }
      return value;
    },
  });
  return { tx: proxy, calls };
}

describe("re-evaluation with no enabled toxic-combination policy", () => {
  it("reads no access, yet findings still open under an enabled policy and resolve when it is disabled or the access goes", async () => {
    await withFreshDatabase((_client, target) =>
      withGlobalDatabase(target, async () => {
        const admin = await seedUser({ role: "admin" });
        const owner = await seedUser({ role: "owner" });
        const [a, b] = (await ownTags(2)) as [string, string];
        const { server, tools } = await serverWithTools(owner, "Mail", { read_secrets: [a], send_mail: [b] });
        const agent = await seedIdentity({ kind: "agent", owner });
        const readGrant = await grantTools(agent.id, server.id, [tools.read_secrets!]);
        await grantTools(agent.id, server.id, [tools.send_mail!]);

        // no enabled policy at all (the migrations enable two built-in ones): nothing to find, nothing to resolve — and no access read
        await db().toxicPolicy.updateMany({ data: { enabled: false } });
        const idle = await transact(async (tx) => {
          const log = recording(tx);
          return { flagged: await reevaluateAgents(log.tx, [agent.id], "no policy"), calls: log.calls };
        });
        expect(idle.flagged).toEqual([]);
        expect(idle.calls.filter((call) => call.startsWith("grantTool.") || call.startsWith("grant."))).toEqual([]);
        expect(await db().toxicFinding.count()).toBe(0);

        // enabled: the agent is flagged
        const policy = await createToxicPolicy({ actor: admin.actor, input: { ...policyInput([a, b]), enabled: true } });
        expect(policy.flaggedAgentIds).toEqual([agent.id]);
        expect(await findingCounts(policy.id)).toEqual({ open: 1, resolved: 0 });

        // disabled: no enabled policy is left, but the open finding is still resolved (and audited)
        const disabled = await updateToxicPolicy({ actor: admin.actor, policyId: policy.id, input: { enabled: false } });
        expect(disabled).toMatchObject({ enabled: false, openFindings: 0, flaggedAgentIds: [] });
        expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: 1 });
        expect(await db().auditEvent.count({ where: { action: "toxic_finding.resolved" } })).toBe(1);

        // re-enabled: the same finding opens again; taking the access away resolves it
        await updateToxicPolicy({ actor: admin.actor, policyId: policy.id, input: { enabled: true } });
        expect(await findingCounts(policy.id)).toEqual({ open: 1, resolved: 0 });
        await revokeGrant({ actor: admin.actor, grantId: readGrant.id, input: { reason: "no longer needed" } });
        expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: 1 });
        expect(await db().auditEvent.count({ where: { action: "toxic_finding.resolved" } })).toBe(2);

        // disabled with nothing open: evaluating reads no access and changes nothing
        await updateToxicPolicy({ actor: admin.actor, policyId: policy.id, input: { enabled: false } });
        const after = await transact(async (tx) => {
          const log = recording(tx);
          return { flagged: await reevaluateAgents(log.tx, [agent.id], "policy disabled"), calls: log.calls };
        });
        expect(after.flagged).toEqual([]);
        expect(after.calls.filter((call) => call.startsWith("grantTool.") || call.startsWith("grant."))).toEqual([]);
        expect(after.calls.filter((call) => call.endsWith(".update") || call.endsWith(".create"))).toEqual([]);
        expect(await findingCounts(policy.id)).toEqual({ open: 0, resolved: 1 });
      }),
    );
  }, 60_000);
});
