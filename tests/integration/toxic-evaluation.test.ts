// The toxic-combination engine on both databases: an agent's capabilities are
// the union of its standing grants' approved tags across every server; a
// change is refused only for the violations it completes; a tag approved on a
// held tool flags the agent at once and, in block mode, suspends the offending
// grants (and the token endpoint then refuses those scopes); warn mode only
// flags; revoking access resolves the finding; two grants racing to complete a
// combination cannot both pass (lockAgentAccess).
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { newId } from "@/lib/ids";
import { seedIdentity, seedUser } from "@/lib/seed/factories";
import { liftGrantSuspension } from "@/lib/toxic/lift-grant-suspension";
import { acceptToxicFinding } from "@/lib/toxic/accept-toxic-finding";
import { agentsWithOpenFindings } from "@/lib/toxic/agents-with-open-findings";
import { agentsHoldingTools, lockAgentAccess, reevaluateAgents, toxicViolations } from "@/lib/toxic/check";
import { createToxicPolicy } from "@/lib/toxic/create-toxic-policy";
import { updateToxicPolicy } from "@/lib/toxic/update-toxic-policy";
import { agentToken, oauthFixture } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";
import { CREDENTIALS_OUT, eventsFor, findingOf, grantTools, ownTags, serverWithTools, tagTool, TRIFECTA } from "./helpers/toxic";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("toxicViolations", () => {
  it("sees the lethal trifecta across two servers, names the three tools, and only for changes that complete it", async () => {
    const owner = await seedUser();
    const mail = await serverWithTools(owner, "Mail", { read_inbox: ["reads-private-data"], send_email: ["external-communication"], list_folders: [] });
    const browser = await serverWithTools(owner, "Browser", { fetch_page: ["untrusted-input"], render_pdf: [] });
    const agent = await seedIdentity({ kind: "agent", owner });
    await grantTools(agent.id, mail.server.id, [mail.tools.read_inbox!, mail.tools.send_email!]);

    const violations = await transact((tx) => toxicViolations(tx, agent.id, [browser.tools.fetch_page!.id]));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ policyId: TRIFECTA, policyName: "Lethal trifecta", mode: "block" });
    expect(violations[0]!.explanation).toBe(
      `Lethal trifecta: read_inbox on ${mail.server.name} (reads-private-data), fetch_page on ${browser.server.name} (untrusted-input), send_email on ${mail.server.name} (external-communication)`,
    );
    expect(violations[0]!.tools["untrusted-input"]).toEqual([{ toolId: browser.tools.fetch_page!.id, toolName: "fetch_page", scope: browser.tools.fetch_page!.scope, serverId: browser.server.id, serverName: browser.server.name }]);

    // tools that give none of the missing tags complete nothing
    expect(await transact((tx) => toxicViolations(tx, agent.id, [browser.tools.render_pdf!.id, mail.tools.list_folders!.id]))).toEqual([]);
    expect(await transact((tx) => toxicViolations(tx, agent.id, []))).toEqual([]);

    // a proposed (not yet approved) tag does not count
    const proposedOnly = await serverWithTools(owner, "Issues", { read_issue: [] });
    await tagTool(proposedOnly.tools.read_issue!.id, "untrusted-input", "proposed");
    expect(await transact((tx) => toxicViolations(tx, agent.id, [proposedOnly.tools.read_issue!.id]))).toEqual([]);

    // revoked access counts for nothing
    const other = await seedIdentity({ kind: "agent", owner });
    const revoked = await grantTools(other.id, mail.server.id, [mail.tools.read_inbox!, mail.tools.send_email!]);
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: revoked.id, input: { reason: "no longer needed" } });
    expect(await transact((tx) => toxicViolations(tx, other.id, [browser.tools.fetch_page!.id]))).toEqual([]);
    // and an expired grant neither
    await grantTools(other.id, mail.server.id, [mail.tools.read_inbox!, mail.tools.send_email!]);
    await db().grant.updateMany({ where: { agentId: other.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await transact((tx) => toxicViolations(tx, other.id, [browser.tools.fetch_page!.id]))).toEqual([]);
  });

  it("does not refuse a change for a combination the agent already held without it", async () => {
    const owner = await seedUser();
    const [a, b] = await ownTags(2);
    const policy = await createToxicPolicy({ actor: SYSTEM_ACTOR, input: { name: "A and B", tags: [a!, b!], mode: "warn" } });
    const server = await serverWithTools(owner, "Both", { give_a: [a!], give_b: [b!], plain: [], more_a: [a!] });
    const agent = await seedIdentity({ kind: "agent", owner });
    await grantTools(agent.id, server.server.id, [server.tools.give_a!, server.tools.give_b!]);
    const check = (tool: string) => transact((tx) => toxicViolations(tx, agent.id, [server.tools[tool]!.id]));
    expect(await check("plain")).toEqual([]);
    // a tool that adds one of the tags again does contribute to it
    expect((await check("more_a")).map((violation) => violation.policyId)).toEqual([policy.id]);
  });
});

describe("reevaluateAgents", () => {
  it("flags an agent at once when a held tool is reclassified, suspends the offending grant in block mode, and the token endpoint refuses its scopes", async () => {
    const f = await oauthFixture();
    expect((await agentToken(f, { scope: f.scope("read_ledger") })).status).toBe(200);
    const ledger = f.tool("read_ledger").id;
    const post = f.tool("post_entry").id;
    await tagTool(ledger, "handles-credentials");
    await tagTool(post, "external-communication");
    // the catalog's reclassification path: who holds the retagged tools
    const holders = await transact((tx) => agentsHoldingTools(tx, [ledger, post]));
    expect(holders).toEqual([f.agent.id]);
    const flagged = await transact((tx) => reevaluateAgents(tx, holders, "tools reclassified"));
    expect(flagged).toEqual([f.agent.id]);

    const finding = (await findingOf(f.agent.id, CREDENTIALS_OUT))!;
    expect(finding).toMatchObject({ status: "open", resolvedAt: null });
    const explanation = `Credentials and a way out: read_ledger on ${f.server.name} (handles-credentials), post_entry on ${f.server.name} (external-communication)`;
    const grant = await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } });
    expect(grant.suspendedAt).not.toBeNull();
    expect(grant.suspendedReason).toBe(explanation);
    expect(grant.revokedAt).toBeNull();
    const suspended = (await eventsFor(f.grant.id)).filter((event) => event.action === "grant.suspended");
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.details).toMatchObject({ agentId: f.agent.id, policyId: CREDENTIALS_OUT, explanation, reason: "tools reclassified" });
    expect((await eventsFor(finding.id)).map((event) => event.action)).toEqual(["toxic_finding.opened"]);
    expect(await agentsWithOpenFindings(db(), { afterId: `agt_${"0".repeat(26)}`, limit: 100_000 })).toContain(f.agent.id);

    // the suspended scopes are refused at the token endpoint (the grant counts as no access)
    expect((await agentToken(f, { scope: f.scope("read_ledger") })).body).toMatchObject({ error: "invalid_scope" });

    // evaluating again changes nothing and flags nobody anew
    expect(await transact((tx) => reevaluateAgents(tx, [f.agent.id], "again"))).toEqual([]);
    expect((await eventsFor(f.grant.id)).filter((event) => event.action === "grant.suspended")).toHaveLength(1);

    // block-mode findings cannot be accepted, and the suspension cannot be lifted while the combination holds
    expect((await refusal(acceptToxicFinding({ actor: SYSTEM_ACTOR, findingId: finding.id, input: { justification: "we trust this agent fully" } }))).code).toBe("conflict");
    const stuck = await refusal(liftGrantSuspension({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "reviewed" } }));
    expect(stuck.code).toBe("conflict");
    expect(stuck.message).toContain(explanation);
    expect((await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } })).suspendedAt).not.toBeNull();

    // the tag is withdrawn: the finding resolves, and the suspension can be lifted after review
    await db().toolCapability.delete({ where: { toolId_tag: { toolId: post, tag: "external-communication" } } });
    expect(await transact((tx) => reevaluateAgents(tx, [f.agent.id], "tag withdrawn"))).toEqual([]);
    expect(await findingOf(f.agent.id, CREDENTIALS_OUT)).toMatchObject({ status: "resolved", resolvedAt: expect.any(Date) });
    const lifted = await liftGrantSuspension({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "reviewed: the ledger tool holds no secrets" } });
    expect(lifted).toMatchObject({ grantId: f.grant.id, agentId: f.agent.id });
    expect(await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } })).toMatchObject({ suspendedAt: null, suspendedReason: null });
    expect((await eventsFor(f.grant.id)).map((event) => event.action)).toContain("grant.unsuspended");
    expect((await agentToken(f, { scope: f.scope("read_ledger") })).status).toBe(200);
    expect((await refusal(liftGrantSuspension({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "again" } }))).code).toBe("conflict");
  });

  it("in warn mode only flags; accepting records a justification; revoking the access resolves the finding", async () => {
    const owner = await seedUser();
    const [a, b] = await ownTags(2);
    const one = await serverWithTools(owner, "One", { give_a: [a!] });
    const two = await serverWithTools(owner, "Two", { give_b: [b!] });
    const agent = await seedIdentity({ kind: "agent", owner });
    const first = await grantTools(agent.id, one.server.id, [one.tools.give_a!]);
    const second = await grantTools(agent.id, two.server.id, [two.tools.give_b!]);
    const policy = await createToxicPolicy({ actor: SYSTEM_ACTOR, input: { name: "Warned pair", tags: [a!, b!], mode: "warn" } });
    expect(policy.flaggedAgentIds).toEqual([agent.id]);
    expect(policy.openFindings).toBe(1);
    const finding = (await findingOf(agent.id, policy.id))!;
    expect(finding.status).toBe("open");
    expect(await db().grant.count({ where: { agentId: agent.id, suspendedAt: { not: null } } })).toBe(0);

    const accepted = await acceptToxicFinding({ actor: SYSTEM_ACTOR, findingId: finding.id, input: { justification: "Reviewed with the security team, see ticket 42" } });
    expect(accepted).toMatchObject({ status: "accepted", policy: { id: policy.id, mode: "warn" } });
    const event = (await eventsFor(finding.id)).find((item) => item.action === "toxic_finding.accepted")!;
    expect(event.details).toMatchObject({ justification: "Reviewed with the security team, see ticket 42", policyId: policy.id });
    expect((await refusal(acceptToxicFinding({ actor: SYSTEM_ACTOR, findingId: finding.id, input: { justification: "Reviewed again, still fine" } }))).code).toBe("conflict");
    // an accepted finding stays accepted while the access is unchanged
    expect(await transact((tx) => reevaluateAgents(tx, [agent.id], "again"))).toEqual([]);
    expect((await findingOf(agent.id, policy.id))!.status).toBe("accepted");

    // switching the policy to block reopens it and suspends both grants
    const blocked = await updateToxicPolicy({ actor: SYSTEM_ACTOR, policyId: policy.id, input: { mode: "block" } });
    expect(blocked.flaggedAgentIds).toEqual([agent.id]);
    expect((await db().grant.findMany({ where: { agentId: agent.id }, orderBy: { id: "asc" } })).map((grant) => grant.suspendedAt !== null)).toEqual([true, true]);
    // back to warn: the grants stay suspended until lifted, and now may be
    await updateToxicPolicy({ actor: SYSTEM_ACTOR, policyId: policy.id, input: { mode: "warn" } });
    await liftGrantSuspension({ actor: SYSTEM_ACTOR, grantId: first.id, input: { reason: "policy relaxed" } });
    await liftGrantSuspension({ actor: SYSTEM_ACTOR, grantId: second.id, input: { reason: "policy relaxed" } });

    // revoking re-evaluates in the same transaction: the finding is resolved without anything else being called
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: second.id, input: { reason: "no longer needed" } });
    const resolved = (await findingOf(agent.id, policy.id))!;
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: expect.any(Date) });
    expect((await eventsFor(finding.id)).map((item) => item.action).at(-1)).toBe("toxic_finding.resolved");
    expect(await agentsWithOpenFindings(db(), { includeAccepted: true, afterId: `agt_${"0".repeat(26)}`, limit: 100_000 })).not.toContain(agent.id);

    // holding it again opens it again (the same finding, detected anew)
    await grantTools(agent.id, two.server.id, [two.tools.give_b!]);
    // createGrant re-evaluates in its own transaction; evaluating again finds it open and flags nobody anew
    expect(await transact((tx) => reevaluateAgents(tx, [agent.id], "granted again"))).toEqual([]);
    expect(await findingOf(agent.id, policy.id)).toMatchObject({ id: finding.id, status: "open", resolvedAt: null });
    expect((await eventsFor(finding.id)).filter((item) => item.action === "toxic_finding.opened")).toHaveLength(3);
  });
});

describe("lockAgentAccess", () => {
  it("lets only one of two grants that together complete a combination through", async () => {
    const owner = await seedUser();
    const [a, b, c] = await ownTags(3);
    const policy = await createToxicPolicy({ actor: SYSTEM_ACTOR, input: { name: "Race triple", tags: [a!, b!, c!], mode: "block" } });
    const base = await serverWithTools(owner, "Base", { give_a: [a!] });
    const left = await serverWithTools(owner, "Left", { give_b: [b!] });
    const right = await serverWithTools(owner, "Right", { give_c: [c!] });
    const agent = await seedIdentity({ kind: "agent", owner });
    await grantTools(agent.id, base.server.id, [base.tools.give_a!]);

    // what a grant path does: lock, check, then write — with a pause so both checks would run before either write
    const attempt = (serverId: string, toolId: string, scope: string) =>
      transact(async (tx) => {
        await lockAgentAccess(tx, agent.id);
        const violations = await toxicViolations(tx, agent.id, [toolId]);
        if (violations.length) throw conflict(violations.map((violation) => violation.explanation).join("; "));
        await sleep(300);
        return tx.grant.create({ data: { id: newId("grant"), agentId: agent.id, serverId, justification: "race", grantedById: null, tools: { create: [{ toolId, scope }] } } });
      });
    const results = await Promise.allSettled([
      attempt(left.server.id, left.tools.give_b!.id, left.tools.give_b!.scope),
      attempt(right.server.id, right.tools.give_c!.id, right.tools.give_c!.scope),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((result) => result.status === "rejected")!;
    expect(String(rejected.reason)).toContain("Race triple");
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(2);
    expect(await transact((tx) => reevaluateAgents(tx, [agent.id], "after the race"))).toEqual([]);
    expect(await findingOf(agent.id, policy.id)).toBeNull();
  });
});
