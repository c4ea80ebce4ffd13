"use client";
// The inventory table of one identity kind (or of all kinds, for "My identities"): debounced search, filters, owner, "only mine", orphans, sorting and cursor pages.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { PeoplePicker } from "@/components/identities/people-picker";
import { IdentityStatusBadge, KindSummary, OwnerCell, TagList } from "@/components/identities/identity-badges";
import { detailHref, ENVIRONMENT_LABELS, KIND_WORD, RISK_LABELS, STATUS_LABELS } from "@/components/identities/identity-labels";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { ENVIRONMENTS, IDENTITY_STATUSES, KIND_INFO, RISK_TIERS, type EnvironmentName, type IdentityKind, type IdentityStatus } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import type { IdentityListParams } from "@/lib/query/identities/keys";
import { useIdentities } from "@/lib/query/identities/use-identities";

const PAGE_SIZE = 25;
type Sort = NonNullable<IdentityListParams["sort"]>;
const SORTS: { value: Sort; label: string }[] = [
  { value: "-created", label: "Newest first" },
  { value: "created", label: "Oldest first" },
  { value: "name", label: "Name A–Z" },
  { value: "-name", label: "Name Z–A" },
];

const KIND_COLUMN: Record<IdentityKind, string> = { server: "Resource URI", agent: "Client", resource: "Audience", gateway: "Fronts" };
const ALL_KINDS = { plural: "identities", label: "Identity", labelPlural: "Identities" } as const;
const SEARCH_HINT: Record<IdentityKind | "all", string> = {
  all: "Name, slug, id, URI or client id",
  server: "Name, slug, id, resource URI or registry name",
  agent: "Name, slug, id or client id",
  resource: "Name, slug, id or audience",
  gateway: "Name, slug or id",
};

export function identityColumns(kind: IdentityKind | null): Column<TIdentity>[] {
  return [
    {
      key: "name",
      header: "Name",
      cell: (identity) => (
        <div className="min-w-0">
          <Link href={detailHref(identity)} className="font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            {identity.name}
          </Link>
          <div className="font-mono text-xs text-slate-500">{identity.slug}</div>
        </div>
      ),
    },
    kind
      ? { key: "kind", header: KIND_COLUMN[kind], cell: (identity) => <KindSummary identity={identity} /> }
      : { key: "kind", header: "Kind", cell: (identity) => KIND_INFO[identity.kind].label },
    { key: "status", header: "Status", cell: (identity) => <IdentityStatusBadge status={identity.status} /> },
    { key: "environment", header: "Environment", cell: (identity) => ENVIRONMENT_LABELS[identity.environment] },
    { key: "owner", header: "Owner", cell: (identity) => <OwnerCell identity={identity} /> },
    { key: "tags", header: "Tags", cell: (identity) => <TagList tags={identity.tags} /> },
  ];
}

/** Keeps `?mine=1` in the address bar in step with the checkbox, without a server round trip. */
function syncMineParam(mine: boolean) {
  const url = new URL(window.location.href);
  if (mine) url.searchParams.set("mine", "1");
  else url.searchParams.delete("mine");
  window.history.replaceState(null, "", url);
}

export function IdentityList({
  kind,
  canRegister,
  initialMine = false,
  canPickOwner = false,
}: {
  kind: IdentityKind | "all";
  canRegister: boolean;
  initialMine?: boolean;
  /** the owner filter searches the people directory, which needs identities:register */
  canPickOwner?: boolean;
}) {
  const info = kind === "all" ? ALL_KINDS : KIND_INFO[kind];
  const idPrefix = `${info.plural}-filter`;
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<IdentityStatus | "">("");
  const [environment, setEnvironment] = useState<EnvironmentName | "">("");
  const [riskTier, setRiskTier] = useState<TIdentity["riskTier"] | "">("");
  const [mine, setMine] = useState(initialMine);
  const [orphaned, setOrphaned] = useState(false);
  const [ownerId, setOwnerId] = useState("");
  const [sort, setSort] = useState<Sort>("-created");
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

  /** Any filter change starts again from the first page. */
  function change<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      pagination.reset();
    };
  }

  function changeMine(value: boolean) {
    setMine(value);
    syncMineParam(value);
    pagination.reset();
  }

  function clearFilters() {
    window.clearTimeout(debounce.current);
    setSearch("");
    setQ("");
    setStatus("");
    setEnvironment("");
    setRiskTier("");
    setOrphaned(false);
    setOwnerId("");
    if (mine) changeMine(false);
    pagination.reset();
  }

  const { data, isPending, isFetching, error } = useIdentities(kind, {
    q: q || undefined,
    status: status || undefined,
    environment: environment || undefined,
    riskTier: riskTier || undefined,
    mine: mine ? "true" : undefined,
    ownerId: ownerId || undefined,
    orphaned: orphaned ? "true" : undefined,
    sort,
    cursor: pagination.cursor,
    limit: PAGE_SIZE,
  });

  const filtered = q !== "" || status !== "" || environment !== "" || riskTier !== "" || mine || orphaned || ownerId !== "";
  const word = kind === "all" ? "identity" : KIND_WORD[kind];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <Field label="Search" htmlFor={`${idPrefix}-search`} className="w-full max-w-xs">
          <Input id={`${idPrefix}-search`} type="search" placeholder={SEARCH_HINT[kind]} value={search} onChange={(e) => onSearchChange(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <FilterSelect id={`${idPrefix}-status`} label="Status" allLabel="All statuses" value={status} onChange={change(setStatus)} options={IDENTITY_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))} />
        <FilterSelect
          id={`${idPrefix}-environment`}
          label="Environment"
          allLabel="All environments"
          value={environment}
          onChange={change(setEnvironment)}
          options={ENVIRONMENTS.map((value) => ({ value, label: ENVIRONMENT_LABELS[value] }))}
        />
        <FilterSelect id={`${idPrefix}-risk`} label="Risk tier" allLabel="All risk tiers" value={riskTier} onChange={change(setRiskTier)} options={RISK_TIERS.map((value) => ({ value, label: RISK_LABELS[value] }))} />
        <Field label="Sort" htmlFor={`${idPrefix}-sort`} className="w-40">
          <Select id={`${idPrefix}-sort`} value={sort} onChange={(e) => change(setSort)(e.target.value as Sort)}>
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        {canPickOwner ? (
          <div className="w-full max-w-md">
            <PeoplePicker id={`${idPrefix}-owner`} label="Owner" value={ownerId} onChange={change(setOwnerId)} extraOptions={[{ value: "", label: "Any owner" }]} />
          </div>
        ) : null}
        <div className="flex flex-col gap-1.5 pb-1">
          <CheckboxField id={`${idPrefix}-mine`} label="Only mine" checked={mine} onChange={(e) => changeMine(e.target.checked)} />
          <CheckboxField id={`${idPrefix}-orphaned`} label="Orphaned only" checked={orphaned} onChange={(e) => change(setOrphaned)(e.target.checked)} />
        </div>
        {filtered ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div data-testid="identities-table">
        <DataTable
          caption={info.labelPlural}
          columns={identityColumns(kind === "all" ? null : kind)}
          rows={data?.items}
          getRowId={(identity) => identity.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            filtered ? (
              <EmptyState
                title={`No ${info.labelPlural.toLowerCase()} match`}
                description="Try a different search, or clear the filters."
                action={
                  <Button variant="secondary" onClick={clearFilters}>
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <EmptyState
                title={`No ${info.labelPlural.toLowerCase()} registered yet`}
                description={
                  canRegister
                    ? kind === "all"
                      ? "Register a server, agent, resource or gateway from its inventory page; what you own is listed here."
                      : `Register the first ${info.label.toLowerCase()} with “Register ${word.toLowerCase()}”${kind === "server" ? ", or import server.json documents" : ""}. It gets an id, an accountable owner and a public JWKS URL.`
                    : `Ask an owner or an admin to register ${info.labelPlural.toLowerCase()}.`
                }
              />
            )
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
    </div>
  );
}
