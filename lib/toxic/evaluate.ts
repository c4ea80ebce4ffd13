// The pure part of the toxic-combination engine: given the tools an agent
// holds (each with its approved capability tags) and the enabled policies,
// which policies are violated, through which tools, and in which words.
// No I/O: lib/toxic/check.ts loads the rows and acts on the answer.
import type { CapabilityTool, ToxicMode, ToxicViolation } from "@/lib/toxic/check";

/** A tool the agent holds (grantId set) or is about to get (grantId null), with its approved tags. */
export type HeldTool = CapabilityTool & { grantId: string | null; suspended: boolean; tags: readonly string[] };

export type PolicyRule = { id: string; name: string; mode: ToxicMode; tags: readonly string[] };

const byServerThenTool = (a: CapabilityTool, b: CapabilityTool) => a.serverName.localeCompare(b.serverName) || a.toolName.localeCompare(b.toolName) || a.toolId.localeCompare(b.toolId);

/** The tools giving each of the policy's tags (one entry per tool, however many grants hold it). */
export function toolsByTag(policy: Pick<PolicyRule, "tags">, held: readonly HeldTool[]): Record<string, CapabilityTool[]> {
  const result: Record<string, CapabilityTool[]> = {};
  for (const tag of policy.tags) {
    const seen = new Map<string, CapabilityTool>();
    for (const tool of held) {
      if (tool.tags.includes(tag) && !seen.has(tool.toolId)) seen.set(tool.toolId, { toolId: tool.toolId, toolName: tool.toolName, scope: tool.scope, serverId: tool.serverId, serverName: tool.serverName });
    }
    result[tag] = [...seen.values()].sort(byServerThenTool);
  }
  return result;
}

/** "Lethal trifecta: read_inbox on Mail (reads-private-data), fetch_page on Browser (untrusted-input), …" */
export function explain(policyName: string, tags: readonly string[], tools: Record<string, readonly CapabilityTool[]>): string {
  const parts = tags.map((tag) => `${(tools[tag] ?? []).map((tool) => `${tool.toolName} on ${tool.serverName}`).join(", ") || "nothing"} (${tag})`);
  return `${policyName}: ${parts.join(", ")}`;
}

/**
 * The policies whose every tag the held tools give. With `adding`, only the
 * violations at least one of those tools contributes a tag to: a combination
 * the agent already held without them is a finding, not a refusal of this change.
 */
export function violationsOf(policies: readonly PolicyRule[], held: readonly HeldTool[], adding?: ReadonlySet<string>): ToxicViolation[] {
  const violations: ToxicViolation[] = [];
  for (const policy of policies) {
    if (policy.tags.length === 0) continue;
    const tools = toolsByTag(policy, held);
    if (!policy.tags.every((tag) => tools[tag]!.length > 0)) continue;
    if (adding && !policy.tags.some((tag) => tools[tag]!.some((tool) => adding.has(tool.toolId)))) continue;
    violations.push({ policyId: policy.id, policyName: policy.name, mode: policy.mode, tools, explanation: explain(policy.name, policy.tags, tools) });
  }
  return violations;
}

/** The grants (not yet suspended) that hold a tool giving one of the violated policy's tags: what block mode suspends. */
export function grantsToSuspend(violation: ToxicViolation, held: readonly HeldTool[]): string[] {
  const toolIds = new Set(Object.values(violation.tools).flatMap((tools) => tools.map((tool) => tool.toolId)));
  return [...new Set(held.filter((tool) => tool.grantId && !tool.suspended && toolIds.has(tool.toolId)).map((tool) => tool.grantId!))].sort();
}

/** Tags as stored (a JSON array); anything else reads as no tags, which no agent can violate. */
export function storedTags(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
}

export function isToxicMode(value: string): value is ToxicMode {
  return value === "block" || value === "require_approval" || value === "warn";
}
