// Shortcuts for tool-catalog and grant tests: route calls for proposals,
// reviews and grants, and a server whose catalog is already applied (and,
// optionally, approved).
import { POST as createGrantRoute } from "@/app/api/v1/grants/route";
import { GET as effectiveAccessRoute } from "@/app/api/v1/effective-access/route";
import { GET as listToolsRoute } from "@/app/api/v1/servers/[id]/tools/route";
import { POST as applyRoute } from "@/app/api/v1/servers/[id]/tools/proposals/[proposalId]/apply/route";
import { POST as discardRoute } from "@/app/api/v1/servers/[id]/tools/proposals/[proposalId]/discard/route";
import { POST as proposeRoute } from "@/app/api/v1/servers/[id]/tools/proposals/route";
import { POST as reviewRoute } from "@/app/api/v1/servers/[id]/tools/review/route";
import type { TProposal, TTool } from "@/lib/catalog/schemas";
import { db } from "@/lib/db/client";
import type { TEffectiveAccess, TGrant } from "@/lib/grants/schemas";
import { uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./http";
import type { Principal } from "./registry";

export type Problem = { code?: string; detail?: string; errors?: { path: string; message: string }[] };
export type Tier = "read" | "write" | "irreversible";
export type ReportedTool = { name: string; title?: string; description?: string; inputSchema?: Record<string, unknown>; annotations?: Record<string, unknown> };

/** A reported tool with a unique-enough description and a simple schema. */
export function reported(name: string, annotations?: Record<string, unknown>, extra: Partial<ReportedTool> = {}): ReportedTool {
  return { name, description: `Does ${name}`, inputSchema: { type: "object", properties: { q: { type: "string" } } }, ...(annotations ? { annotations } : {}), ...extra };
}

/** Annotations that propose each tier. */
export const HINTS: Record<Tier, Record<string, boolean>> = { read: { readOnlyHint: true }, write: { readOnlyHint: false, destructiveHint: false }, irreversible: { destructiveHint: true } };

export function propose(serverId: string, who: Principal, body: unknown) {
  return call<TProposal & Problem>(proposeRoute, { method: "POST", path: `/api/v1/servers/${serverId}/tools/proposals`, params: { id: serverId }, bearer: who.token, body });
}

export const upload = (serverId: string, who: Principal, document: unknown) => propose(serverId, who, { source: "upload", document });

export function apply(serverId: string, who: Principal, proposalId: string) {
  return call<TProposal & { version: number | null } & Problem>(applyRoute, {
    method: "POST",
    path: `/api/v1/servers/${serverId}/tools/proposals/${proposalId}/apply`,
    params: { id: serverId, proposalId },
    bearer: who.token,
  });
}

export function discard(serverId: string, who: Principal, proposalId: string) {
  return call<TProposal & Problem>(discardRoute, { method: "POST", path: `/api/v1/servers/${serverId}/tools/proposals/${proposalId}/discard`, params: { id: serverId, proposalId }, bearer: who.token });
}

export function review(serverId: string, who: Principal, decisions: { toolId: string; tier: Tier }[]) {
  return call<{ tools: TTool[]; version: number | null } & Problem>(reviewRoute, {
    method: "POST",
    path: `/api/v1/servers/${serverId}/tools/review`,
    params: { id: serverId },
    bearer: who.token,
    body: { decisions },
  });
}

export async function tools(serverId: string, who: Principal, query = ""): Promise<{ items: TTool[]; version: number }> {
  const result = await call<{ items: TTool[]; version: number }>(listToolsRoute, { path: `/api/v1/servers/${serverId}/tools${query}`, params: { id: serverId }, bearer: who.token });
  if (result.status !== 200) throw new Error(`listing tools answered ${result.status}: ${result.text}`);
  return result.body;
}

export async function toolsByName(serverId: string, who: Principal, query = ""): Promise<Record<string, TTool>> {
  return Object.fromEntries((await tools(serverId, who, query)).items.map((tool) => [tool.name, tool]));
}

/** Uploads and applies a complete tools/list result; returns the tools by name. */
export async function applyUpload(serverId: string, who: Principal, list: ReportedTool[]): Promise<Record<string, TTool>> {
  const proposal = await upload(serverId, who, { tools: list });
  if (proposal.status !== 201) throw new Error(`proposing answered ${proposal.status}: ${proposal.text}`);
  const applied = await apply(serverId, who, proposal.body.id);
  if (applied.status !== 200) throw new Error(`applying answered ${applied.status}: ${applied.text}`);
  return toolsByName(serverId, who);
}

/** Applies the tools and approves those named in `tiers` at that tier. */
export async function approvedCatalog(serverId: string, who: Principal, tiers: Record<string, Tier>, unapproved: string[] = []): Promise<Record<string, TTool>> {
  const byName = await applyUpload(serverId, who, [...Object.entries(tiers).map(([name, tier]) => reported(name, HINTS[tier])), ...unapproved.map((name) => reported(name))]);
  const decisions = Object.entries(tiers).map(([name, tier]) => ({ toolId: byName[name]!.id, tier }));
  if (decisions.length) {
    const result = await review(serverId, who, decisions);
    if (result.status !== 200) throw new Error(`reviewing answered ${result.status}: ${result.text}`);
  }
  return toolsByName(serverId, who);
}

export function grant(who: Principal, body: Record<string, unknown>) {
  return call<TGrant & Problem>(createGrantRoute, { method: "POST", path: "/api/v1/grants", bearer: who.token, body });
}

export const justification = () => `Needed for the nightly reconciliation ${uniqueSuffix()}`;

export async function effectiveAccess(who: Principal, query: string): Promise<TEffectiveAccess[]> {
  const result = await call<{ items: TEffectiveAccess[] }>(effectiveAccessRoute, { path: `/api/v1/effective-access?${query}`, bearer: who.token });
  if (result.status !== 200) throw new Error(`effective access answered ${result.status}: ${result.text}`);
  return result.body.items;
}

/** What a refused request must not have touched. */
export async function snapshot(serverId: string) {
  const [proposals, toolRows, catalogVersions, events] = await Promise.all([
    db().catalogProposal.count({ where: { serverId } }),
    db().tool.findMany({ where: { serverId }, orderBy: { name: "asc" } }),
    db().catalogVersion.count({ where: { serverId } }),
    db().auditEvent.count({ where: { targetId: serverId } }),
  ]);
  return { proposals, tools: toolRows.map((tool) => ({ name: tool.name, status: tool.status, description: tool.description, removedAt: tool.removedAt })), catalogVersions, events };
}
