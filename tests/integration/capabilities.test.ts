// Capability tags (issue 11): admins define the vocabulary (built-in tags are
// protected, tags in use cannot be deleted); applying a catalog proposes tags
// from annotations and descriptions; the server's owners and admins approve,
// reject and add tags on a tool, which re-evaluates the agents holding it.
import { describe, expect, it } from "vitest";
import { DELETE as deleteTagRoute, PATCH as updateTagRoute } from "@/app/api/v1/capability-tags/[tag]/route";
import { GET as listTagsRoute, POST as createTagRoute } from "@/app/api/v1/capability-tags/route";
import { PUT as setCapabilitiesRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/capabilities/route";
import { GET as listCapabilitiesRoute } from "@/app/api/v1/servers/[id]/tools/capabilities/route";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import type { TCapabilityTag, TSetToolCapabilitiesResult, TToolCapability } from "@/lib/capabilities/schemas";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import { seedIdentity, uniqueSuffix } from "@/lib/seed/factories";
import { reevaluateAgents } from "@/lib/toxic/check";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";

type Problem = { code?: string; detail?: string; errors?: { path: string; message: string }[] };
type ReportedTool = { name: string; description?: string; annotations?: Record<string, boolean> };

const BUILTIN = ["external-communication", "handles-credentials", "reads-private-data", "untrusted-input", "writes-production"];

const listTags = (who: Principal) => call<{ items: TCapabilityTag[] } & Problem>(listTagsRoute, { path: "/api/v1/capability-tags", bearer: who.token });
const createTag = (who: Principal, body: unknown) => call<TCapabilityTag & Problem>(createTagRoute, { method: "POST", path: "/api/v1/capability-tags", bearer: who.token, body });
const updateTag = (who: Principal, tag: string, body: unknown) =>
  call<TCapabilityTag & Problem>(updateTagRoute, { method: "PATCH", path: `/api/v1/capability-tags/${tag}`, params: { tag }, bearer: who.token, body });
const deleteTag = (who: Principal, tag: string) => call<TCapabilityTag & Problem>(deleteTagRoute, { method: "DELETE", path: `/api/v1/capability-tags/${tag}`, params: { tag }, bearer: who.token });
const listCapabilities = (who: Principal, serverId: string) =>
  call<{ items: TToolCapability[] } & Problem>(listCapabilitiesRoute, { path: `/api/v1/servers/${serverId}/tools/capabilities`, params: { id: serverId }, bearer: who.token });
const setCapabilities = (who: Principal, serverId: string, toolId: string, body: unknown) =>
  call<TSetToolCapabilitiesResult & Problem>(setCapabilitiesRoute, { method: "PUT", path: `/api/v1/servers/${serverId}/tools/${toolId}/capabilities`, params: { id: serverId, toolId }, bearer: who.token, body });

const tagEvents = (tag: string) => db().auditEvent.findMany({ where: { targetId: tag }, orderBy: { seq: "asc" } });
const revision = async () => (await db().policyState.findUniqueOrThrow({ where: { id: 1 } })).revision;
const capabilityRows = (toolId: string) => db().toolCapability.findMany({ where: { toolId }, orderBy: { tag: "asc" } });

async function customTag(admin: Principal) {
  const tag = `custom-${uniqueSuffix()}`;
  const created = await createTag(admin, { tag, name: "Custom tag", description: "A tag made by a test" });
  expect(created.status).toBe(201);
  return tag;
}

/** A server (with a backup owner) whose catalog was applied through lib/catalog; tools by name. */
async function catalog(owner: Principal, tools: ReportedTool[], options: { environment?: "production" | "staging"; backup?: Principal } = {}) {
  const server = await seedIdentity({ kind: "server", owner, environment: options.environment ?? "staging", extra: options.backup ? { backupOwnerId: options.backup.id } : {} });
  await applyTools(owner, server.id, tools);
  const rows = await db().tool.findMany({ where: { serverId: server.id } });
  return { server, tools: Object.fromEntries(rows.map((row) => [row.name, row.id])) };
}

async function applyTools(owner: Principal, serverId: string, tools: ReportedTool[]) {
  const proposal = await createProposal({ actor: owner.actor, serverId, input: { source: "manual", tools: tools.map((tool) => ({ inputSchema: { type: "object" }, ...tool })) } });
  return applyProposal({ actor: owner.actor, serverId, proposalId: proposal.id });
}

const MAIL_TOOLS: ReportedTool[] = [
  { name: "read_inbox", description: "Reads the messages in the user's inbox", annotations: { readOnlyHint: true } },
  { name: "fetch_url", description: "Fetches a web page", annotations: { readOnlyHint: true, openWorldHint: true } },
  { name: "send_email", description: "Sends an email to any address", annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true } },
  { name: "add_numbers", description: "Adds two numbers", annotations: { readOnlyHint: true } },
];

describe("capability tag definitions", () => {
  it("lists the five built-in tags first for anyone who can read the catalog, with where each is used", async () => {
    for (const role of ["owner", "auditor", "admin"] as const) {
      const listed = await listTags(await principal(role));
      expect(listed.status).toBe(200);
      const builtins = listed.body.items.filter((item) => item.builtin);
      expect(builtins.map((item) => item.tag).sort()).toEqual(BUILTIN);
      expect(listed.body.items.slice(0, 5).every((item) => item.builtin)).toBe(true);
    }
    const trifecta = (await listTags(await principal("owner"))).body.items.find((item) => item.tag === "untrusted-input")!;
    expect(trifecta.usage.policies).toContainEqual({ id: "txp_00000000000000000000000001", name: "Lethal trifecta" });
  });

  it("admins create a tag (audited); a duplicate is a 409 and bad ids are 422 naming the field, creating nothing", async () => {
    const admin = await principal("admin");
    const tag = `pays-money-${uniqueSuffix()}`;
    const created = await createTag(admin, { tag, name: "  Pays money ", description: "Moves money out of an account" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tag, name: "Pays money", description: "Moves money out of an account", builtin: false, usage: { approved: 0, proposed: 0, policies: [] } });
    const [event] = await tagEvents(tag);
    expect(event).toMatchObject({ action: "capability_tag.created", targetType: "capability_tag", actorId: expect.stringMatching(/^tok_/) });
    expect(event!.details).toEqual({ tag, name: "Pays money", description: "Moves money out of an account" });

    const duplicate = await createTag(admin, { tag, name: "Again", description: "Again" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: "tag", message: "already exists" }]);
    expect(await db().capabilityTag.findUniqueOrThrow({ where: { tag } })).toMatchObject({ name: "Pays money" });

    const before = await db().capabilityTag.count();
    for (const bad of ["Upper-Case", "a", "-leading", "trailing-", "under_score", "x".repeat(41)]) {
      const refused = await createTag(admin, { tag: bad, name: "Bad", description: "Bad" });
      expect(refused.status, bad).toBe(422);
      expect(refused.body.errors?.map((issue) => issue.path), bad).toEqual(["tag"]);
    }
    const missing = await createTag(admin, { tag: `ok-${uniqueSuffix()}`, name: " ", description: "" });
    expect(missing.status).toBe(422);
    expect(missing.body.errors?.map((issue) => issue.path).sort()).toEqual(["description", "name"]);
    expect(await db().capabilityTag.count()).toBe(before);
    expect(await db().capabilityTag.findUnique({ where: { tag: "x".repeat(40) } })).toBeNull();
  });

  it("refuses non-admins (403) for create, update and delete, changing nothing", async () => {
    const [admin, owner, auditor] = await Promise.all([principal("admin"), principal("owner"), principal("auditor")]);
    const tag = await customTag(admin);
    const stored = await db().capabilityTag.findUniqueOrThrow({ where: { tag } });
    for (const who of [owner, auditor]) {
      const attempts = [
        await createTag(who, { tag: `nope-${uniqueSuffix()}`, name: "Nope", description: "Nope" }),
        await updateTag(who, tag, { name: "Hijacked" }),
        await deleteTag(who, tag),
        await deleteTag(who, "untrusted-input"),
      ];
      expect(attempts.map((attempt) => [attempt.status, attempt.body.code])).toEqual(Array(4).fill([403, "forbidden"]));
      expect(attempts[0]!.body.detail).toBe("This requires the grants:manage permission");
    }
    expect(await db().capabilityTag.findUniqueOrThrow({ where: { tag } })).toEqual(stored);
    expect((await tagEvents(tag)).map((event) => event.action)).toEqual(["capability_tag.created"]);
  });

  it("admins change a tag's name and description (built-in too, audited with before and after), never its id", async () => {
    const admin = await principal("admin");
    const tag = await customTag(admin);
    const renamed = await updateTag(admin, tag, { name: "Renamed tag" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ tag, name: "Renamed tag", description: "A tag made by a test" });
    const events = await tagEvents(tag);
    expect(events.map((event) => event.action)).toEqual(["capability_tag.created", "capability_tag.updated"]);
    expect(events[1]!.details).toEqual({ tag, changed: ["name"], before: { name: "Custom tag" }, after: { name: "Renamed tag" } });

    const builtin = await db().capabilityTag.findUniqueOrThrow({ where: { tag: "writes-production" } });
    const described = await updateTag(admin, "writes-production", { description: `${builtin.description} (edited by a test)` });
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ tag: "writes-production", builtin: true, name: builtin.name });
    await updateTag(admin, "writes-production", { description: builtin.description });

    const idChange = await updateTag(admin, tag, { tag: "another-id" });
    expect(idChange.status).toBe(422);
    const empty = await updateTag(admin, tag, {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ path: "(root)", message: "Change the name or the description" }]);
    const missing = await updateTag(admin, "no-such-tag", { name: "Ghost" });
    expect(missing.status).toBe(404);
    expect(await db().capabilityTag.findUnique({ where: { tag: "another-id" } })).toBeNull();
    expect(await tagEvents(tag)).toHaveLength(2);
  });

  it("protects built-in tags and tags in use by a tool or a toxic policy (409 naming where), and deletes unused ones", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const builtin = await deleteTag(admin, "reads-private-data");
    expect(builtin.status).toBe(409);
    expect(builtin.body.detail).toBe('"reads-private-data" is a built-in capability tag and cannot be deleted');
    expect(await db().capabilityTag.findUnique({ where: { tag: "reads-private-data" } })).not.toBeNull();

    const onTool = await customTag(admin);
    const { server, tools } = await catalog(owner, [{ name: "wire_money", description: "Wires money" }]);
    expect((await setCapabilities(owner, server.id, tools.wire_money!, { tags: [onTool] })).status).toBe(200);
    const toolUse = await deleteTag(admin, onTool);
    expect(toolUse.status).toBe(409);
    expect(toolUse.body.detail).toBe(`"${onTool}" is in use by 1 tool (wire_money on ${server.name}): remove it there first`);

    const inPolicy = await customTag(admin);
    const policyName = `Test policy ${uniqueSuffix()}`;
    await db().toxicPolicy.create({ data: { id: newId("toxicPolicy"), name: policyName, tags: [inPolicy, "external-communication"], mode: "warn", enabled: false } });
    const policyUse = await deleteTag(admin, inPolicy);
    expect(policyUse.status).toBe(409);
    expect(policyUse.body.detail).toBe(`"${inPolicy}" is in use by the toxic-combination policy "${policyName}": remove it there first`);
    const listed = (await listTags(owner)).body.items;
    expect(listed.find((item) => item.tag === onTool)!.usage).toEqual({ approved: 1, proposed: 0, policies: [] });
    expect(listed.find((item) => item.tag === inPolicy)!.usage.policies.map((policy) => policy.name)).toEqual([policyName]);
    expect((await tagEvents(onTool)).map((event) => event.action)).toEqual(["capability_tag.created"]);

    const unused = await customTag(admin);
    const deleted = await deleteTag(admin, unused);
    expect(deleted.status).toBe(200);
    expect(deleted.body.tag).toBe(unused);
    expect(await db().capabilityTag.findUnique({ where: { tag: unused } })).toBeNull();
    expect((await tagEvents(unused)).map((event) => [event.action, event.details])).toEqual([
      ["capability_tag.created", expect.anything()],
      ["capability_tag.deleted", { tag: unused, name: "Custom tag", description: "A tag made by a test" }],
    ]);
    expect((await deleteTag(admin, unused)).status).toBe(404);
  });
});

describe("proposals from annotations and descriptions", () => {
  it("applying a catalog proposes tags with their source and reason (audited), never approved", async () => {
    const owner = await principal("owner");
    const { server, tools } = await catalog(owner, MAIL_TOOLS);
    const listed = await listCapabilities(owner, server.id);
    expect(listed.status).toBe(200);
    const byTool = (name: string) => listed.body.items.filter((item) => item.toolId === tools[name]).map((item) => [item.tag, item.status, item.source, item.reason]);
    expect(byTool("read_inbox")).toEqual([
      ["reads-private-data", "proposed", "description", '"read" in the name and "inbox" in the name'],
      ["untrusted-input", "proposed", "description", '"inbox" in the name'],
    ]);
    expect(byTool("fetch_url")).toEqual([["untrusted-input", "proposed", "annotation", 'openWorldHint: true (it takes in content from an open world of outside sources); "fetch" in the name']]);
    expect(byTool("send_email")).toEqual([
      ["external-communication", "proposed", "annotation", 'openWorldHint: true and not read-only (it can act on and send to the outside world); "send" in the name'],
      ["untrusted-input", "proposed", "annotation", "openWorldHint: true (it takes in content from an open world of outside sources)"],
    ]);
    expect(byTool("add_numbers")).toEqual([]);
    expect(listed.body.items.every((item) => item.approvedAt === null && item.approvedById === null)).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.tool_tags_proposed" } });
    expect((event.details as { tools: { tool: string; proposed: string[] }[] }).tools.map((tool) => [tool.tool, tool.proposed])).toEqual([
      ["fetch_url", ["untrusted-input"]],
      ["read_inbox", ["reads-private-data", "untrusted-input"]],
      ["send_email", ["untrusted-input", "external-communication"]],
    ]);
  });

  it("proposes writes-production for non-read tools of production servers only", async () => {
    const owner = await principal("owner");
    const tools: ReportedTool[] = [
      { name: "drop_table", description: "Drops a table", annotations: { destructiveHint: true } },
      { name: "status", description: "Shows the status", annotations: { readOnlyHint: true } },
    ];
    const production = await catalog(owner, tools, { environment: "production" });
    const staging = await catalog(owner, tools, { environment: "staging" });
    const tagsOf = async (fixture: typeof production) => (await listCapabilities(owner, fixture.server.id)).body.items.map((item) => [Object.keys(fixture.tools).find((name) => fixture.tools[name] === item.toolId), item.tag, item.reason]);
    expect(await tagsOf(production)).toEqual([["drop_table", "writes-production", "destructiveHint: true on a production server"]]);
    expect(await tagsOf(staging)).toEqual([]);
  });

  it("re-proposes only for tools that change: an unchanged tool keeps its decisions, a changed one is proposed again and stale proposals are withdrawn", async () => {
    const owner = await principal("owner");
    const { server, tools } = await catalog(owner, MAIL_TOOLS);
    const rejected = await setCapabilities(owner, server.id, tools.read_inbox!, { tags: ["reads-private-data"], reject: ["untrusted-input"] });
    expect(rejected.status).toBe(200);
    const proposalsEvents = () => db().auditEvent.count({ where: { targetId: server.id, action: "catalog.tool_tags_proposed" } });
    const eventsBefore = await proposalsEvents();
    await applyTools(owner, server.id, MAIL_TOOLS);
    expect((await capabilityRows(tools.read_inbox!)).map((row) => [row.tag, row.status])).toEqual([["reads-private-data", "approved"]]);
    expect(await proposalsEvents()).toBe(eventsBefore);

    // descriptions and annotations change: read_inbox's rejected proposal comes back; send_email no longer
    // reports an open world, so that proposal is withdrawn and "send" in its name is all that is left
    await applyTools(owner, server.id, [
      { name: "read_inbox", description: "Reads the messages in the user's inbox, now with attachments", annotations: { readOnlyHint: true } },
      { name: "send_email", description: "Queues a draft", annotations: { readOnlyHint: false, destructiveHint: false } },
    ]);
    expect((await capabilityRows(tools.read_inbox!)).map((row) => [row.tag, row.status, row.source])).toEqual([
      ["reads-private-data", "approved", "description"],
      ["untrusted-input", "proposed", "description"],
    ]);
    expect((await capabilityRows(tools.send_email!)).map((row) => [row.tag, row.status, row.source, row.reason])).toEqual([["external-communication", "proposed", "description", '"send" in the name']]);
    expect((await capabilityRows(tools.fetch_url!)).map((row) => row.tag)).toEqual(["untrusted-input"]);
    const latest = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.tool_tags_proposed" }, orderBy: { seq: "desc" } });
    expect(latest.details).toEqual({
      tools: [
        { tool: "read_inbox", toolId: tools.read_inbox, proposed: ["untrusted-input"], withdrawn: [] },
        { tool: "send_email", toolId: tools.send_email, proposed: ["external-communication"], withdrawn: ["untrusted-input"] },
      ],
    });
  });
});

describe("approving, rejecting and adding tags on a tool", () => {
  it("the server's owner approves proposals, rejects one and adds a manual tag: audited with before and after, bumping the policy revision", async () => {
    const owner = await principal("owner");
    const { server, tools } = await catalog(owner, MAIL_TOOLS);
    const toolId = tools.read_inbox!;
    const revisionBefore = await revision();
    const result = await setCapabilities(owner, server.id, toolId, { tags: ["reads-private-data", "handles-credentials", "reads-private-data"], reject: ["untrusted-input"] });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ toolId, changed: true, added: ["handles-credentials", "reads-private-data"], removed: [], rejected: ["untrusted-input"], reevaluatedAgents: 0, flaggedAgents: [] });
    expect(result.body.capabilities.map((row) => [row.tag, row.status, row.source, row.approvedById])).toEqual([
      ["handles-credentials", "approved", "manual", owner.id],
      ["reads-private-data", "approved", "description", owner.id],
    ]);
    expect(result.body.capabilities[1]!.reason).toBe('"read" in the name and "inbox" in the name');
    expect(await revision()).toBeGreaterThan(revisionBefore);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.tool_tags_changed" } });
    expect(event.actorId).toMatch(/^tok_/);
    expect(event.details).toEqual({
      toolId,
      tool: "read_inbox",
      scope: `mcp:${server.slug}:read_inbox`,
      before: [],
      after: ["handles-credentials", "reads-private-data"],
      added: ["handles-credentials", "reads-private-data"],
      removed: [],
      rejected: [{ tag: "untrusted-input", source: "description", reason: '"inbox" in the name' }],
      approvedProposals: ["reads-private-data"],
    });

    // the same set again changes nothing and records nothing
    const again = await setCapabilities(owner, server.id, toolId, { tags: ["handles-credentials", "reads-private-data"] });
    expect(again.body).toMatchObject({ changed: false, added: [], removed: [], rejected: [] });
    // removing a tag
    const removed = await setCapabilities(owner, server.id, toolId, { tags: ["reads-private-data"] });
    expect(removed.body).toMatchObject({ changed: true, added: [], removed: ["handles-credentials"] });
    expect((await capabilityRows(toolId)).map((row) => row.tag)).toEqual(["reads-private-data"]);
    expect(await db().auditEvent.count({ where: { targetId: server.id, action: "catalog.tool_tags_changed" } })).toBe(2);
  });

  it("the backup owner and admins may change tags; another owner and auditors get 403 and change nothing", async () => {
    const [owner, backup, other, auditor, admin] = await Promise.all([principal("owner"), principal("owner"), principal("owner"), principal("auditor"), principal("admin")]);
    const { server, tools } = await catalog(owner, MAIL_TOOLS, { backup });
    const toolId = tools.send_email!;
    const before = await capabilityRows(toolId);
    for (const who of [other, auditor]) {
      const refused = await setCapabilities(who, server.id, toolId, { tags: ["external-communication"] });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    expect(await capabilityRows(toolId)).toEqual(before);
    expect(await db().auditEvent.count({ where: { targetId: server.id, action: "catalog.tool_tags_changed" } })).toBe(0);
    const byBackup = await setCapabilities(backup, server.id, toolId, { tags: ["external-communication"] });
    expect(byBackup.status).toBe(200);
    const byAdmin = await setCapabilities(admin, server.id, toolId, { tags: ["external-communication", "untrusted-input"] });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.capabilities.map((row) => [row.tag, row.status, row.approvedById])).toEqual([
      ["external-communication", "approved", backup.id],
      ["untrusted-input", "approved", admin.id],
    ]);
  });

  it("refuses unknown tags and impossible rejections (422 naming each), a tool of another server (404), changing nothing", async () => {
    const owner = await principal("owner");
    const { server, tools } = await catalog(owner, MAIL_TOOLS);
    const other = await catalog(owner, [{ name: "elsewhere" }]);
    const toolId = tools.read_inbox!;
    const before = await capabilityRows(toolId);
    const revisionBefore = await revision();
    const unknown = await setCapabilities(owner, server.id, toolId, { tags: ["reads-private-data", "no-such-tag", "untrusted-input", "also-missing"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { path: "tags.1", message: '"no-such-tag" is not a defined capability tag' },
      { path: "tags.3", message: '"also-missing" is not a defined capability tag' },
    ]);
    const rejects = await setCapabilities(owner, server.id, toolId, { tags: ["reads-private-data"], reject: ["reads-private-data", "handles-credentials"] });
    expect(rejects.status).toBe(422);
    expect(rejects.body.errors).toEqual([
      { path: "reject.0", message: '"reads-private-data" is also in tags: approve it or reject it' },
      { path: "reject.1", message: '"handles-credentials" is not a proposed tag of read_inbox' },
    ]);
    const malformed = await setCapabilities(owner, server.id, toolId, { tags: ["Not A Tag"] });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors?.map((issue) => issue.path)).toEqual(["tags.0"]);
    const foreign = await setCapabilities(owner, server.id, other.tools.elsewhere!, { tags: ["reads-private-data"] });
    expect(foreign.status).toBe(404);
    expect(await capabilityRows(toolId)).toEqual(before);
    expect(await capabilityRows(other.tools.elsewhere!)).toEqual([]);
    expect(await revision()).toBe(revisionBefore);
    expect(await db().auditEvent.count({ where: { targetId: server.id, action: "catalog.tool_tags_changed" } })).toBe(0);
  });

  it("approving the tag that completes the lethal trifecta flags the agents holding the tool, in the same change", async () => {
    const [owner, admin] = await Promise.all([principal("owner"), principal("admin")]);
    const { server, tools } = await catalog(owner, MAIL_TOOLS);
    await reviewTools({ actor: owner.actor, serverId: server.id, input: { decisions: ["read_inbox", "fetch_url", "send_email"].map((name) => ({ toolId: tools[name]!, tier: "read" as const })) } });
    await setCapabilities(owner, server.id, tools.read_inbox!, { tags: ["reads-private-data"] });
    await setCapabilities(owner, server.id, tools.fetch_url!, { tags: ["untrusted-input"] });
    const agent = await seedIdentity({ kind: "agent", owner });
    const bystander = await seedIdentity({ kind: "agent", owner });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: [tools.read_inbox!, tools.fetch_url!, tools.send_email!], justification: "capability tag test" } });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: bystander.id, serverId: server.id, toolIds: [tools.send_email!], justification: "capability tag test" } });

    // proposals never count: send_email's external-communication is only proposed so far
    expect((await capabilityRows(tools.send_email!)).map((row) => [row.tag, row.status])).toEqual([
      ["external-communication", "proposed"],
      ["untrusted-input", "proposed"],
    ]);
    expect(await transact((tx) => reevaluateAgents(tx, [agent.id], "capability tag test"))).toEqual([]);
    expect(await db().toxicFinding.count({ where: { agentId: agent.id } })).toBe(0);

    const flagged = await setCapabilities(admin, server.id, tools.send_email!, { tags: ["external-communication"] });
    expect(flagged.status).toBe(200);
    expect(flagged.body.reevaluatedAgents).toBe(2);
    expect(flagged.body.flaggedAgents).toEqual([{ id: agent.id, name: agent.name }]);
    const finding = await db().toxicFinding.findUniqueOrThrow({ where: { agentId_policyId: { agentId: agent.id, policyId: "txp_00000000000000000000000001" } } });
    expect(finding.status).toBe("open");
    expect(await db().toxicFinding.count({ where: { agentId: bystander.id } })).toBe(0);
  });
});
