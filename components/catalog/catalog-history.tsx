"use client";
// "Catalog history": every catalog version, newest first, with a summary of its diff and the tools it touched.
import { sourceLabel, summarizeDiff } from "@/components/catalog/diff-summary";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { TCatalogDiff } from "@/lib/catalog/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useCatalogVersions } from "@/lib/query/catalog/use-catalog-versions";

const state = (value: { status: string; tier: string | null }) => (value.tier && value.status !== "unclassified" ? `${value.status} (${value.tier})` : value.status);

function DiffDetails({ diff }: { diff: TCatalogDiff }) {
  const rows = [
    { label: "Added", items: diff.added.map((tool) => `${tool.name} (proposed ${tool.proposedTier})`) },
    { label: "Changed", items: diff.changed.map((tool) => `${tool.name}${tool.drift ? " (drift)" : ""}`) },
    { label: "Removed", items: diff.removed.map((tool) => tool.name) },
    { label: "Reclassified", items: diff.reclassified.map((tool) => `${tool.name}: ${state(tool.from)} → ${state(tool.to)}`) },
  ].filter((row) => row.items.length > 0);
  if (rows.length === 0) return null;
  return (
    <dl className="mt-1 space-y-0.5 text-xs">
      {rows.map((row) => (
        <div key={row.label} className="flex gap-2">
          <dt className="w-24 shrink-0 font-medium text-slate-600">{row.label}</dt>
          <dd className="min-w-0 break-words font-mono text-slate-800">{row.items.join(", ")}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CatalogHistory({ serverId }: { serverId: string }) {
  const { data, error, isPending, hasNextPage, fetchNextPage, isFetchingNextPage } = useCatalogVersions(serverId);
  const versions = data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div data-testid="catalog-history">
      <Card title="Catalog history" description="Every version of the tool catalog, newest first: what was added, changed, removed or reclassified." flush>
        {error ? (
          <div className="p-4">
            <Alert tone="danger" title="Could not load the history">
              {error.message}
            </Alert>
          </div>
        ) : isPending ? (
          <div className="p-6 text-center">
            <Spinner label="Loading the history" />
          </div>
        ) : versions.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-500">No catalog versions yet: the catalog changes when a proposal is applied or tools are reviewed.</p>
        ) : (
          <ol className="divide-y divide-slate-100" aria-label="Catalog versions">
            {versions.map((version) => (
              <li key={version.id} className="px-4 py-2.5 text-sm">
                <p className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-semibold text-slate-900">Version {version.version}</span>
                  <span className="text-slate-600">{sourceLabel(version.source)}</span>
                  <time dateTime={version.createdAt} className="text-xs text-slate-500">
                    {formatDateTime(version.createdAt)}
                  </time>
                  <span className="text-slate-700">— {summarizeDiff(version.diff)}</span>
                </p>
                <DiffDetails diff={version.diff} />
              </li>
            ))}
          </ol>
        )}
        {hasNextPage ? (
          <div className="border-t border-slate-200 px-4 py-3">
            <Button variant="secondary" size="sm" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
              Show older versions
            </Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
