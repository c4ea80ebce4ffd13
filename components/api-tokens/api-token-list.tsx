"use client";
// The API tokens table: your own, or everyone's (with api-tokens:manage-all); revoke with a typed confirmation.
import { useState } from "react";
import { RevokeTokenDialog } from "@/components/api-tokens/revoke-token-dialog";
import { tokenState, TokenStatusBadge } from "@/components/api-tokens/token-status";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { RoleBadge } from "@/components/users/role-badge";
import type { TApiToken } from "@/lib/api-tokens/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useApiTokens } from "@/lib/query/api-tokens/use-api-tokens";

const PAGE_SIZE = 25;

export function ApiTokenList({ canManageAll, currentUserId }: { canManageAll: boolean; currentUserId: string }) {
  const [all, setAll] = useState(false);
  const [revoking, setRevoking] = useState<TApiToken | null>(null);
  const [now] = useState(() => Date.now());
  const pagination = useCursorPagination();
  const showAll = canManageAll && all;
  const { data, isPending, isFetching, error } = useApiTokens({ all: showAll || undefined, cursor: pagination.cursor, limit: PAGE_SIZE });

  const columns: Column<TApiToken>[] = [
    { key: "name", header: "Name", cell: (token) => <span className="font-medium text-slate-900">{token.name}</span> },
    ...(showAll
      ? [
          {
            key: "owner",
            header: "Owner",
            cell: (token: TApiToken) => (token.userEmail ? <span>{token.userEmail}</span> : <span className="text-slate-500">service token</span>),
          },
        ]
      : []),
    { key: "prefix", header: "Prefix", cell: (token) => <code className="font-mono text-xs whitespace-nowrap">{token.prefix}…</code> },
    { key: "role", header: "Role", cell: (token) => <RoleBadge role={token.role} /> },
    {
      key: "scopes",
      header: "Scopes",
      cell: (token) =>
        token.scopes ? (
          <ul className="flex flex-wrap gap-1">
            {token.scopes.map((scope) => (
              <li key={scope} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-700">
                {scope}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-500 italic">whole role</span>
        ),
    },
    { key: "createdAt", header: "Created", cell: (token) => <span className="whitespace-nowrap">{formatDateTime(token.createdAt)}</span> },
    {
      key: "expiresAt",
      header: "Expires",
      cell: (token) =>
        token.expiresAt ? <span className="whitespace-nowrap">{formatDateTime(token.expiresAt)}</span> : <span className="font-medium text-amber-700">never</span>,
    },
    {
      key: "lastUsedAt",
      header: "Last used",
      cell: (token) => (token.lastUsedAt ? <span className="whitespace-nowrap">{formatDateTime(token.lastUsedAt)}</span> : <span className="text-slate-500">never</span>),
    },
    { key: "status", header: "Status", cell: (token) => <TokenStatusBadge state={tokenState(token, now)} /> },
    {
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (token) =>
        !token.revokedAt && (canManageAll || token.userId === currentUserId) ? (
          <Button variant="danger" size="sm" aria-label={`Revoke ${token.name}`} onClick={() => setRevoking(token)}>
            Revoke
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="flex flex-col gap-4">
      {canManageAll ? (
        <div className="flex items-center gap-2">
          <input
            id="api-tokens-show-all"
            type="checkbox"
            checked={all}
            onChange={(e) => {
              setAll(e.target.checked);
              pagination.reset();
            }}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
          />
          <label htmlFor="api-tokens-show-all" className="text-sm text-slate-800">
            {"Show everyone's tokens"}
          </label>
        </div>
      ) : null}
      <div data-testid="api-tokens-table">
        <DataTable
          caption={showAll ? "Everyone's API tokens" : "Your API tokens"}
          columns={columns}
          rows={data?.items}
          getRowId={(token) => token.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            <EmptyState
              title={showAll ? "Nobody has an API token yet" : "You have no API tokens yet"}
              description="Create a token with “Create token” to call the Warden API from scripts and automation."
            />
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {revoking ? <RevokeTokenDialog key={revoking.id} token={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
