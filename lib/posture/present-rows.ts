// The rows behind a card, for its drill-down page: the card's own `where`,
// the first `limit` rows in id order, each as a title, who answers for it,
// why it is listed and the page to fix it on.
import "server-only";
import { db } from "@/lib/db/client";
import { KIND_INFO } from "@/lib/identities/kinds";
import type { RowQuery } from "@/lib/posture/card-spec";
import type { PostureScope } from "@/lib/posture/scope";
import type { PostureCardId, TPostureItem } from "@/lib/posture/schemas";
import { presentToxicFindingRows } from "@/lib/posture/toxic-cards";

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
const ownerName = (owner: { name: string; active: boolean }) => (owner.active ? owner.name : `${owner.name} (deactivated)`);

type IdentityRow = {
  status: string;
  resourceUri: string | null;
  clientId: string | null;
  owner: { name: string; active: boolean };
  lastCertifiedAt: Date | null;
  nextCertificationDue: Date | null;
  keys: { createdAt: Date }[];
  enforcementStatus: { reportedAt: Date } | null;
};

/** Why an identity is on the card's list. */
function identityDetail(card: PostureCardId, row: IdentityRow): string | null {
  switch (card) {
    case "orphaned":
      return `Owner ${row.owner.name} was deactivated`;
    case "no-keys":
      return `${row.status}; no usable key`;
    case "old-keys":
      return `Oldest active key registered ${day(row.keys[0]?.createdAt)}`;
    case "bearer-agents":
      return row.clientId ? `Client ${row.clientId}` : null;
    case "hardware-keys-unmet":
      return "Keys must be hardware-bound; no usable key is attested as such";
    case "software-key-agents":
      return "No usable key is attested as hardware-bound";
    case "certified-within-policy":
      return row.lastCertifiedAt ? `Last certified ${day(row.lastCertifiedAt)}, due again ${day(row.nextCertificationDue)}` : "Never certified";
    case "servers-reporting":
      return "No decision or tool-call events in the last 24 hours";
    case "gateways-stale":
      return row.enforcementStatus ? `Last status report ${row.enforcementStatus.reportedAt.toISOString().replace("T", " ").slice(0, 16)} UTC` : "Never reported";
    default:
      return row.resourceUri;
  }
}

/** A review item in a few words, from the snapshot taken at launch. */
function itemTitle(targetType: string, targetId: string, snapshot: unknown): string {
  const s = (snapshot ?? {}) as { tool?: string; name?: string; kind?: string; agent?: { name?: string }; server?: { name?: string } };
  if (targetType === "grant_tool") return `${s.agent?.name ?? "agent"} → ${s.tool ?? "tool"} on ${s.server?.name ?? "server"}`;
  if (targetType === "tool") return `${s.name ?? "tool"} on ${s.server?.name ?? "server"}`;
  return `${s.name ?? targetId} (${s.kind ?? "identity"})`;
}

export async function presentRows(card: PostureCardId, query: RowQuery, scope: PostureScope, limit: number): Promise<TPostureItem[]> {
  const client = db();
  switch (query.source) {
    case "identity": {
      const rows = await client.identity.findMany({
        where: await query.where(scope),
        orderBy: { id: "asc" },
        take: limit,
        select: {
          id: true,
          kind: true,
          name: true,
          slug: true,
          status: true,
          resourceUri: true,
          clientId: true,
          lastCertifiedAt: true,
          nextCertificationDue: true,
          owner: { select: { name: true, active: true } },
          keys: { where: { status: "active" }, orderBy: { createdAt: "asc" }, take: 1, select: { createdAt: true } },
          enforcementStatus: { select: { reportedAt: true } },
        },
      });
      return rows.map((row) => ({
        id: row.id,
        title: row.name,
        subtitle: row.slug,
        kind: KIND_INFO[row.kind].label,
        owner: ownerName(row.owner),
        detail: identityDetail(card, row),
        href: `/${KIND_INFO[row.kind].plural}/${row.id}`,
      }));
    }
    case "tool": {
      const rows = await client.tool.findMany({
        where: await query.where(scope),
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, name: true, scope: true, proposedTier: true, driftedAt: true, server: { select: { id: true, name: true, owner: { select: { name: true, active: true } } } } },
      });
      return rows.map((row) => ({
        id: row.id,
        title: `${row.name} on ${row.server.name}`,
        subtitle: row.scope,
        kind: "Tool",
        owner: ownerName(row.server.owner),
        detail: row.driftedAt ? `Drifted ${day(row.driftedAt)}` : `Proposed tier: ${row.proposedTier}`,
        href: `/servers/${row.server.id}`,
      }));
    }
    case "grantTool": {
      const rows = await client.grantTool.findMany({
        where: await query.where(scope),
        orderBy: [{ grantId: "asc" }, { toolId: "asc" }],
        take: limit,
        select: {
          grantId: true,
          toolId: true,
          scope: true,
          lastUsedAt: true,
          useCount: true,
          tool: { select: { name: true, tier: true } },
          grant: { select: { createdAt: true, agent: { select: { id: true, name: true, owner: { select: { name: true, active: true } } } }, server: { select: { name: true } } } },
        },
      });
      return rows.map((row) => ({
        id: `${row.grantId}:${row.toolId}`,
        title: `${row.grant.agent.name} → ${row.tool.name} on ${row.grant.server.name}`,
        subtitle: row.scope,
        kind: `Grant scope (${row.tool.tier ?? "no tier"})`,
        owner: ownerName(row.grant.agent.owner),
        detail: row.lastUsedAt ? `Last used ${day(row.lastUsedAt)} (${row.useCount} calls)` : `Never used; granted ${day(row.grant.createdAt)}`,
        href: `/agents/${row.grant.agent.id}`,
      }));
    }
    case "grant": {
      const rows = await client.grant.findMany({
        where: await query.where(scope),
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, expiresAt: true, agent: { select: { id: true, name: true, owner: { select: { name: true, active: true } } } }, server: { select: { name: true } } },
      });
      return rows.map((row) => ({
        id: row.id,
        title: `${row.agent.name} on ${row.server.name}`,
        subtitle: row.id,
        kind: "Grant",
        owner: ownerName(row.agent.owner),
        detail: `Expires ${row.expiresAt?.toISOString().replace("T", " ").slice(0, 16)} UTC`,
        href: `/agents/${row.agent.id}`,
      }));
    }
    case "campaignItem": {
      const rows = await client.campaignItem.findMany({
        where: await query.where(scope),
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, targetType: true, targetId: true, snapshot: true, reviewerId: true, campaign: { select: { id: true, name: true, dueAt: true } } },
      });
      const reviewers = await client.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.reviewerId))] } }, select: { id: true, name: true, active: true } });
      const byId = new Map(reviewers.map((user) => [user.id, user]));
      return rows.map((row) => {
        const reviewer = byId.get(row.reviewerId);
        return {
          id: row.id,
          title: itemTitle(row.targetType, row.targetId, row.snapshot),
          subtitle: row.campaign.name,
          kind: "Review item",
          owner: reviewer ? ownerName(reviewer) : row.reviewerId,
          detail: `Was due ${day(row.campaign.dueAt)}`,
          href: scope.view === "mine" ? "/reviews" : `/campaigns/${row.campaign.id}`,
        };
      });
    }
    case "toxicFinding":
      return presentToxicFindingRows(await query.where(scope), limit);
  }
}
