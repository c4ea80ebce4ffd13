// Agents holding toxic combinations: open findings of enabled
// toxic-combination policies (lib/toxic), one per agent and policy. The mine
// view filters through the finding's agent relation (an EXISTS subquery): a
// list of the owner's agent ids would exceed SQLite's 999 bound parameters for
// an owner of more than 999 agents.
import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { CardSpec } from "@/lib/posture/card-spec";
import { liveIdentities, type PostureScope } from "@/lib/posture/scope";
import type { TPostureItem } from "@/lib/posture/schemas";
import { presentFindings, FINDING_INCLUDE } from "@/lib/toxic/present";

function openFindings(scope: PostureScope): Prisma.ToxicFindingWhereInput {
  if (!scope.ownerId) return { status: "open" };
  return { status: "open", agent: { is: liveIdentities(scope, { kind: "agent" }) } };
}

export const TOXIC_CARDS: CardSpec[] = [
  {
    id: "toxic-combinations",
    group: "catalog",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    title: "Agents holding toxic combinations",
    description: "Agents whose access across all servers holds every capability of a toxic-combination policy (the list shows each open finding: one per agent and policy). Block-mode policies have suspended the offending grants; review, then revoke access or accept.",
    rows: { source: "toxicFinding", where: openFindings },
  },
];

/** The drill-down rows: one per finding, linking to the agent's page. */
export async function presentToxicFindingRows(where: Prisma.ToxicFindingWhereInput, limit: number): Promise<TPostureItem[]> {
  const rows = await db().toxicFinding.findMany({ where, orderBy: { id: "asc" }, take: limit, include: FINDING_INCLUDE });
  const findings = await presentFindings(db(), rows);
  const owners = await db().identity.findMany({ where: { id: { in: findings.map((finding) => finding.agent.id) } }, select: { id: true, owner: { select: { name: true, active: true } } } });
  const ownerOf = new Map(owners.map((row) => [row.id, row.owner.active ? row.owner.name : `${row.owner.name} (deactivated)`]));
  return findings.map((finding) => ({
    id: finding.id,
    title: `${finding.agent.name}: ${finding.policy.name}`,
    subtitle: `${finding.policy.mode === "require_approval" ? "require approval" : finding.policy.mode} mode`,
    kind: "Toxic combination",
    owner: ownerOf.get(finding.agent.id) ?? null,
    detail: finding.explanation,
    href: `/agents/${finding.agent.id}`,
  }));
}
