"use client";
// Exchange policies: which MCP servers may exchange agents' tokens for which downstream resources, with which
// scopes and how deep; admins add and revoke them.
import Link from "next/link";
import { useState } from "react";
import { AddExchangePolicyDialog, RevokeExchangePolicyDialog } from "@/components/grants/exchange-policy-dialogs";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format/date";
import type { TExchangePolicy } from "@/lib/exchange/schemas";
import { useExchangePolicies } from "@/lib/query/grants/use-exchange-policies";

export function ExchangePolicies({ canManage }: { canManage: boolean }) {
  const [showRevoked, setShowRevoked] = useState(false);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<TExchangePolicy | null>(null);
  const { data, isPending, error } = useExchangePolicies({ includeRevoked: showRevoked ? "true" : undefined });

  const columns: Column<TExchangePolicy>[] = [
    {
      key: "route",
      header: "Server → resource",
      cell: (policy) => (
        <div className="min-w-0 space-y-0.5">
          <p className="flex flex-wrap items-center gap-1.5">
            <Link href={`/servers/${policy.server.id}`} className="font-medium text-indigo-700 hover:underline">
              {policy.server.name}
            </Link>
            <span aria-hidden="true">→</span>
            <span className="sr-only">may exchange tokens for</span>
            <Link href={`/resources/${policy.resource.id}`} className="font-medium text-indigo-700 hover:underline">
              {policy.resource.name}
            </Link>
            {policy.revokedAt ? <Badge tone="danger">Revoked</Badge> : null}
          </p>
          {policy.resource.audienceUri ? <p className="break-all font-mono text-xs text-slate-500">{policy.resource.audienceUri}</p> : null}
          {policy.revokedAt ? (
            <p className="text-xs text-red-700">
              Revoked <time dateTime={policy.revokedAt}>{formatDateTime(policy.revokedAt)}</time>
              {policy.revokedReason ? `: ${policy.revokedReason}` : ""}
            </p>
          ) : null}
        </div>
      ),
    },
    {
      key: "scopes",
      header: "Downstream scopes",
      cell: (policy) => (
        <ul className="flex flex-wrap gap-1">
          {policy.scopes.map((scope) => (
            <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
              {scope}
            </li>
          ))}
        </ul>
      ),
    },
    { key: "depth", header: "Max depth", cell: (policy) => policy.maxDepth },
    {
      key: "created",
      header: "Created",
      cell: (policy) => (
        <time dateTime={policy.createdAt} className="whitespace-nowrap">
          {formatDateTime(policy.createdAt)}
        </time>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (policy) =>
        policy.revokedAt ? null : (
          <Button variant="danger" size="sm" aria-label={`Revoke exchange policy ${policy.server.name} → ${policy.resource.name}`} onClick={() => setRevoking(policy)}>
            Revoke
          </Button>
        ),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <CheckboxField id="exchange-policies-show-revoked" label="Show revoked" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
        {canManage ? <Button onClick={() => setAdding(true)}>Add exchange policy</Button> : null}
      </div>
      <div data-testid="exchange-policies-table">
        <DataTable
          caption="Exchange policies"
          columns={columns}
          rows={data?.items}
          getRowId={(policy) => policy.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            <EmptyState
              title="No exchange policies"
              description={canManage ? "No MCP server may exchange agents' tokens yet. Add a policy for each server that calls a downstream resource on an agent's behalf." : "No MCP server may exchange agents' tokens yet. Admins add exchange policies."}
            />
          }
        />
      </div>
      {adding ? <AddExchangePolicyDialog onClose={() => setAdding(false)} /> : null}
      {revoking ? <RevokeExchangePolicyDialog key={revoking.id} policy={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
