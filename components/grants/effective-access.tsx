"use client";
// Effective access: which agent can call which tool right now, filtered by server, agent and tier; the filters
// stay in the address bar (?serverId=&agentId=&tier=) so a view can be shared.
import Link from "next/link";
import { useState } from "react";
import { TierBadge } from "@/components/catalog/tier-badge";
import { TIER_LABELS, TIERS } from "@/components/catalog/tiers";
import { GrantDialog } from "@/components/grants/grant-dialog";
import { IdentitySelect } from "@/components/grants/identity-select";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/filter-select";
import type { ToolTier } from "@/lib/catalog/classify";
import { formatDateTime } from "@/lib/format/date";
import type { TEffectiveAccess } from "@/lib/grants/schemas";
import { useEffectiveAccess } from "@/lib/query/grants/use-effective-access";

type Filters = { serverId: string; agentId: string; tier: ToolTier | "" };

/** Keeps the filters in the address bar without a server round trip. */
function syncParams(filters: Filters) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(filters)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, "", url);
}

const columns: Column<TEffectiveAccess>[] = [
  {
    key: "agent",
    header: "Agent",
    cell: (row) => (
      <Link href={`/agents/${row.agent.id}`} className="font-medium text-indigo-700 hover:underline">
        {row.agent.name}
      </Link>
    ),
  },
  {
    key: "server",
    header: "MCP server",
    cell: (row) => (
      <Link href={`/servers/${row.server.id}`} className="text-indigo-700 hover:underline">
        {row.server.name}
      </Link>
    ),
  },
  { key: "tool", header: "Tool", cell: (row) => <code className="break-all font-mono text-xs font-semibold text-slate-900">{row.tool.name}</code> },
  { key: "tier", header: "Tier", cell: (row) => <TierBadge tier={row.tool.tier} /> },
  { key: "scope", header: "Scope", cell: (row) => <code className="break-all font-mono text-xs">{row.scope}</code> },
  { key: "grant", header: "Grant", cell: (row) => <span className="font-mono text-xs">{row.grantId}</span> },
  {
    key: "expires",
    header: "Expires",
    cell: (row) =>
      row.expiresAt ? (
        <time dateTime={row.expiresAt} className="whitespace-nowrap">
          {formatDateTime(row.expiresAt)}
        </time>
      ) : (
        <span className="text-slate-400">never</span>
      ),
  },
];

export function EffectiveAccess({ initialServerId = "", initialAgentId = "", initialTier = "", canManageGrants }: { initialServerId?: string; initialAgentId?: string; initialTier?: ToolTier | ""; canManageGrants: boolean }) {
  const [filters, setFilters] = useState<Filters>({ serverId: initialServerId, agentId: initialAgentId, tier: initialTier });
  const [granting, setGranting] = useState(false);
  const { data, isPending, error } = useEffectiveAccess({ serverId: filters.serverId || undefined, agentId: filters.agentId || undefined, tier: filters.tier || undefined, limit: 500 });
  const filtered = filters.serverId !== "" || filters.agentId !== "" || filters.tier !== "";

  function change(next: Partial<Filters>) {
    const merged = { ...filters, ...next };
    setFilters(merged);
    syncParams(merged);
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <IdentitySelect kind="server" id="access-filter-server" label="MCP server" value={filters.serverId} onChange={(serverId) => change({ serverId })} extraOptions={[{ value: "", label: "All servers" }]} className="w-full max-w-md" />
        <IdentitySelect kind="agent" id="access-filter-agent" label="Agent" value={filters.agentId} onChange={(agentId) => change({ agentId })} extraOptions={[{ value: "", label: "All agents" }]} className="w-full max-w-md" />
        <FilterSelect id="access-filter-tier" label="Tier" allLabel="All tiers" value={filters.tier} onChange={(tier) => change({ tier })} options={TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }))} />
        {filtered ? (
          <Button variant="ghost" onClick={() => change({ serverId: "", agentId: "", tier: "" })}>
            Clear filters
          </Button>
        ) : null}
        {canManageGrants ? (
          <Button className="ml-auto" onClick={() => setGranting(true)}>
            Grant access
          </Button>
        ) : null}
      </div>
      {data?.truncated ? (
        <Alert tone="warning" title="Only the first 500 rows are shown">
          Narrow the filters to see the rest.
        </Alert>
      ) : null}
      <div data-testid="effective-access-table">
        <DataTable
          caption="Effective access"
          columns={columns}
          rows={data?.items}
          getRowId={(row) => `${row.grantId}:${row.tool.id}`}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            <EmptyState
              title={filtered ? "Nobody has this access" : "No agent can call any tool"}
              description={filtered ? "No active grant matches these filters." : "Agents can call tools once an admin grants them approved tools of an active server."}
            />
          }
        />
      </div>
      {granting ? <GrantDialog initialAgentId={filters.agentId} initialServerId={filters.serverId} onClose={() => setGranting(false)} /> : null}
    </div>
  );
}
