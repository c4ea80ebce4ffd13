// Shortcuts for toxic-combination tests: servers whose approved tools carry
// capability tags, tags of one's own (so a test's policies concern only its
// own tools in the shared database), grants and finding lookups.
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import type { TIdentity } from "@/lib/identities/schemas";
import { seedIdentity, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";

export const TRIFECTA = "txp_00000000000000000000000001";
export const CREDENTIALS_OUT = "txp_00000000000000000000000002";

export type ToolRef = { id: string; name: string; scope: string };

/** Approves the tag on the tool (or records it as proposed). */
export async function tagTool(toolId: string, tag: string, status: "approved" | "proposed" = "approved") {
  await db().toolCapability.upsert({
    where: { toolId_tag: { toolId, tag } },
    create: { toolId, tag, status, source: "manual", approvedAt: status === "approved" ? new Date() : null },
    update: { status, approvedAt: status === "approved" ? new Date() : null },
  });
}

/** A server named `${name} <suffix>` with approved read tools, each tool tagged as given. */
export async function serverWithTools(owner: SeededUser, name: string, tools: Record<string, string[]>): Promise<{ server: TIdentity; tools: Record<string, ToolRef> }> {
  const server = await seedIdentity({ kind: "server", owner, name: `${name} ${uniqueSuffix()}` });
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: Object.keys(tools).map((tool) => ({ name: tool, annotations: { readOnlyHint: true } })) } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
  const rows = await db().tool.findMany({ where: { serverId: server.id } });
  await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: rows.map((row) => ({ toolId: row.id, tier: "read" as const })) } });
  const byName: Record<string, ToolRef> = {};
  for (const row of rows) {
    byName[row.name] = { id: row.id, name: row.name, scope: row.scope };
    for (const tag of tools[row.name] ?? []) await tagTool(row.id, tag);
  }
  return { server, tools: byName };
}

/** `count` capability tags only this test uses. */
export async function ownTags(count: number): Promise<string[]> {
  const suffix = uniqueSuffix();
  const tags = Array.from({ length: count }, (_, index) => `t-${suffix}-${index + 1}`);
  await db().capabilityTag.createMany({ data: tags.map((tag) => ({ tag, name: `Test tag ${tag}`, description: "A tag of one test" })) });
  return tags;
}

export function grantTools(agentId: string, serverId: string, tools: ToolRef[]) {
  return createGrant({ actor: SYSTEM_ACTOR, input: { agentId, serverId, toolIds: tools.map((tool) => tool.id), justification: "toxic-combination tests" } });
}

export const findingOf = (agentId: string, policyId: string) => db().toxicFinding.findUnique({ where: { agentId_policyId: { agentId, policyId } } });

export const eventsFor = (targetId: string) => db().auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" } });

const auditCount = (targetId: string) => db().auditEvent.count({ where: { targetId } });

/** A warn-mode policy over tags of its own (so changing it concerns no other test's agents), for the ownership matrix. */
export async function toxicPolicyOf() {
  const tags = await ownTags(2);
  const policy = await db().toxicPolicy.create({ data: { id: newId("toxicPolicy"), name: `Matrix policy ${uniqueSuffix()}`, tags, mode: "warn" } });
  const state = async () => ({ policy: await db().toxicPolicy.findUnique({ where: { id: policy.id } }), findings: await db().toxicFinding.count({ where: { policyId: policy.id } }), events: await auditCount(policy.id) });
  return { id: policy.id, state };
}

/** An open warn-mode finding of an agent. */
export async function openFindingOf(agentId: string) {
  const { id: policyId } = await toxicPolicyOf();
  const finding = await db().toxicFinding.create({ data: { id: newId("toxicFinding"), agentId, policyId, status: "open", tools: {} } });
  const state = async () => ({ finding: await db().toxicFinding.findUniqueOrThrow({ where: { id: finding.id } }), events: await auditCount(finding.id) });
  return { id: finding.id, state };
}

/** Suspends a grant as a block-mode policy would (its tools carry no tags, so lifting it is allowed). */
export async function suspend(grantId: string) {
  await db().grant.update({ where: { id: grantId }, data: { suspendedAt: new Date(), suspendedReason: "Matrix: suspended for the ownership matrix" } });
}
