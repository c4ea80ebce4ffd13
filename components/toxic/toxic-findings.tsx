"use client";
// Agents holding toxic combinations: findings across all agents (open by default), newest first with
// Previous/Next, each naming the policy, its mode and the tools that give every tag; admins accept warn and
// require-approval findings. Block-mode findings are resolved by revoking access (the agent's page).
import Link from "next/link";
import { useState } from "react";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { AcceptFindingDialog } from "@/components/toxic/accept-finding-dialog";
import { ModeBadge } from "@/components/toxic/mode-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/format/date";
import { useToxicFindings } from "@/lib/query/toxic/use-toxic-findings";
import type { TToxicFinding } from "@/lib/toxic/schemas";

const PAGE_SIZE = 25;

export function ToxicFindings({ canManage, policyId }: { canManage: boolean; policyId?: string }) {
  const pagination = useCursorPagination();
  const [includeAccepted, setIncludeAccepted] = useState(false);
  const [accepting, setAccepting] = useState<TToxicFinding | null>(null);
  const { data, isPending, isFetching, error } = useToxicFindings({ status: includeAccepted ? "unresolved" : "open", policyId, cursor: pagination.cursor, limit: PAGE_SIZE });

  const columns: Column<TToxicFinding>[] = [
    {
      key: "agent",
      header: "Agent",
      cell: (finding) => (
        <Link href={`/agents/${finding.agent.id}`} className="font-medium text-indigo-700 hover:underline">
          {finding.agent.name}
        </Link>
      ),
    },
    {
      key: "policy",
      header: "Policy",
      cell: (finding) => (
        <p className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium text-slate-900">{finding.policy.name}</span>
          <ModeBadge mode={finding.policy.mode} />
          {finding.status === "accepted" ? <Badge tone="neutral">Accepted</Badge> : null}
        </p>
      ),
    },
    {
      key: "tools",
      header: "Through",
      cell: (finding) => (
        <ul className="space-y-0.5 text-xs">
          {Object.entries(finding.tools).map(([tag, tools]) => (
            <li key={tag}>
              <span className="font-mono text-slate-500">{tag}:</span> {tools.map((tool) => `${tool.toolName} on ${tool.serverName}`).join(", ")}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: "detected",
      header: "Detected",
      cell: (finding) => (
        <time dateTime={finding.detectedAt} className="whitespace-nowrap">
          {formatDateTime(finding.detectedAt)}
        </time>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (finding) =>
        finding.status === "open" && finding.policy.mode !== "block" ? (
          <Button size="sm" variant="secondary" aria-label={`Accept finding for ${finding.agent.name}`} onClick={() => setAccepting(finding)}>
            Accept
          </Button>
        ) : null,
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <CheckboxField
        id="toxic-findings-accepted"
        label="Include accepted findings"
        checked={includeAccepted}
        onChange={(e) => {
          setIncludeAccepted(e.target.checked);
          pagination.reset();
        }}
      />
      <div data-testid="toxic-findings-table">
        <DataTable
          caption="Agents holding toxic combinations"
          columns={columns}
          rows={data?.items}
          getRowId={(finding) => finding.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<EmptyState title="No agent holds a toxic combination" description="Findings appear here when an agent's access across all servers holds every capability of an enabled policy." />}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {accepting ? <AcceptFindingDialog key={accepting.id} finding={accepting} onClose={() => setAccepting(null)} /> : null}
    </div>
  );
}
