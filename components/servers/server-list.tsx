"use client";
// The MCP server inventory table: search, "Only mine", cursor pagination.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/format/date";
import type { TServer } from "@/lib/identities/servers/schemas";
import { useServers } from "@/lib/query/servers/use-servers";

const PAGE_SIZE = 25;

const columns: Column<TServer>[] = [
  {
    key: "name",
    header: "Name",
    cell: (server) => (
      <Link href={`/servers/${server.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        {server.name}
      </Link>
    ),
  },
  { key: "resourceUri", header: "Resource URI", cell: (server) => <span className="font-mono text-xs break-all">{server.resourceUri}</span> },
  {
    key: "owner",
    header: "Owner",
    cell: (server) => (
      <div className="min-w-0">
        <div className="flex items-center gap-1.5">
          <span className="text-slate-900">{server.owner.name}</span>
          {server.owner.active ? null : <Badge tone="danger">deactivated</Badge>}
        </div>
        <div className="text-xs text-slate-500">{server.owner.email}</div>
      </div>
    ),
  },
  { key: "createdAt", header: "Created", cell: (server) => <span className="whitespace-nowrap">{formatDateTime(server.createdAt)}</span> },
];

export function ServerList({ currentUserId, canRegister, initialMine = false }: { currentUserId: string; canRegister: boolean; initialMine?: boolean }) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [mine, setMine] = useState(initialMine);
  const pagination = useCursorPagination();
  const debounce = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onSearchChange(value: string) {
    setSearch(value);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => {
      setQ(value.trim());
      pagination.reset();
    }, 300);
  }

  const { data, isPending, isFetching, error } = useServers({
    q: q || undefined,
    ownerId: mine ? currentUserId : undefined,
    cursor: pagination.cursor,
    limit: PAGE_SIZE,
  });

  const filtered = q !== "" || mine;
  const empty =
    !filtered && pagination.pageIndex === 0 ? (
      <EmptyState
        title="No MCP servers yet"
        description={
          canRegister
            ? "Every MCP server gets its own identity, resource URI and accountable owner. Register the first one."
            : "No MCP servers are registered yet. Ask an owner or admin to register one."
        }
        action={canRegister ? <ButtonLink href="/servers/new">Register server</ButtonLink> : undefined}
      />
    ) : (
      <EmptyState
        title="No servers match"
        description={mine ? "You own no servers matching this search. Clear the search or uncheck “Only mine”." : "Try a different name, id or resource URI."}
      />
    );

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <Field label="Search" htmlFor="servers-search" className="w-full max-w-sm">
          <Input id="servers-search" type="search" placeholder="Name, id or resource URI" value={search} onChange={(e) => onSearchChange(e.target.value)} autoComplete="off" />
        </Field>
        <div className="flex h-9 items-center gap-2">
          <input
            id="servers-only-mine"
            type="checkbox"
            checked={mine}
            onChange={(e) => {
              setMine(e.target.checked);
              pagination.reset();
            }}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
          />
          <label htmlFor="servers-only-mine" className="text-sm text-slate-800">
            Only mine
          </label>
        </div>
      </div>
      <div data-testid="servers-table">
        <DataTable
          caption="MCP servers"
          columns={columns}
          rows={data?.items}
          getRowId={(server) => server.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={empty}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
    </div>
  );
}
