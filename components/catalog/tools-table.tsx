"use client";
// The tools table of an MCP server: name, tier, status (with the drift since approval), scope and hints; for
// owners and admins also a selection checkbox, a tier to approve at, and Disable / Enable per tool.
import { FieldChanges } from "@/components/catalog/field-changes";
import { ProposedTierBadge, TierBadge } from "@/components/catalog/tier-badge";
import { TIER_LABELS, TIERS } from "@/components/catalog/tiers";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Select } from "@/components/ui/select";
import type { ToolTier } from "@/lib/catalog/classify";
import type { TTool } from "@/lib/catalog/schemas";
import { formatDateTime } from "@/lib/format/date";
import type { ReactNode } from "react";

const STATUS: Record<TTool["status"], { label: string; tone: BadgeTone }> = {
  approved: { label: "Approved", tone: "success" },
  unclassified: { label: "Unclassified — denied", tone: "warning" },
  disabled: { label: "Disabled", tone: "neutral" },
};

export const CHECKBOX_CLASSES =
  "size-4 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-50";

/** The behaviour hints a server reported, in words (they are untrusted: the approved tier decides). */
export function hintWords(annotations: Record<string, unknown> | null): string[] {
  if (!annotations) return [];
  const words: string[] = [];
  if (annotations.readOnlyHint === true) words.push("read-only");
  if (annotations.destructiveHint === true) words.push("destructive");
  if (annotations.destructiveHint === false) words.push("non-destructive");
  if (annotations.idempotentHint === true) words.push("idempotent");
  if (annotations.openWorldHint === true) words.push("open world");
  if (annotations.openWorldHint === false) words.push("closed world");
  return words;
}

function TierCell({ tool }: { tool: TTool }) {
  if (tool.status === "approved" && tool.tier) return <TierBadge tier={tool.tier} />;
  return (
    <div className="flex flex-col items-start gap-1">
      <ProposedTierBadge tier={tool.proposedTier} />
      {tool.tier ? <span className="text-xs text-slate-500">approved before as {tool.tier}</span> : null}
    </div>
  );
}

function StatusCell({ tool }: { tool: TTool }) {
  const status = STATUS[tool.status];
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={status.tone}>{status.label}</Badge>
      {tool.drift ? (
        <details className="max-w-[36rem]">
          <summary className="cursor-pointer rounded text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            <Badge tone="warning">drifted</Badge> <span className="text-indigo-700 underline">what changed</span>
            <span className="sr-only"> in {tool.name} since approval</span>
          </summary>
          <div className="mt-2 w-[32rem] max-w-[70vw] space-y-2 rounded-md border border-amber-200 bg-white p-3">
            <p className="text-xs text-slate-600">
              Changed since it was approved{tool.approvedAt ? ` (${formatDateTime(tool.approvedAt)})` : ""}: denied until an owner approves it again.
            </p>
            <FieldChanges fields={tool.drift.fields} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

function Hints({ tool }: { tool: TTool }) {
  const words = hintWords(tool.annotations);
  if (words.length === 0) return <span className="text-xs text-slate-400">no hints</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`Hints reported for ${tool.name}`}>
      {words.map((word) => (
        <li key={word} className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">
          {word}
        </li>
      ))}
    </ul>
  );
}

export type ToolReview = {
  selected: ReadonlySet<string>;
  toggle: (tool: TTool, checked: boolean) => void;
  tierOf: (tool: TTool) => ToolTier;
  setTier: (tool: TTool, tier: ToolTier) => void;
  onDisable: (tool: TTool) => void;
  onEnable: (tool: TTool) => void;
  enabling: string | null;
};

/** Disabled and removed tools cannot be approved: enable a disabled one first. */
export const reviewable = (tool: TTool) => tool.status !== "disabled" && !tool.removedAt;

export function ToolsTable({ serverName, tools, loading, error, review, empty, extraColumns = [] }: { serverName: string; tools: TTool[] | undefined; loading: boolean; error: string | null; review: ToolReview | null; empty: ReactNode; extraColumns?: Column<TTool>[] }) {
  const columns: Column<TTool>[] = [];
  if (review) {
    columns.push({
      key: "select",
      header: "Select",
      cell: (tool) => (
        <input
          type="checkbox"
          aria-label={`Select ${tool.name}`}
          className={CHECKBOX_CLASSES}
          checked={review.selected.has(tool.id)}
          disabled={!reviewable(tool)}
          onChange={(e) => review.toggle(tool, e.target.checked)}
        />
      ),
    });
  }
  columns.push(
    {
      key: "name",
      header: "Tool",
      cell: (tool) => (
        <div className="min-w-0 max-w-xs">
          <code className="break-all font-mono text-xs font-semibold text-slate-900">{tool.name}</code>
          {tool.title ? <div className="text-xs text-slate-600">{tool.title}</div> : null}
          {tool.description ? (
            <div className="line-clamp-2 text-xs text-slate-500" title={tool.description}>
              {tool.description}
            </div>
          ) : null}
        </div>
      ),
    },
    { key: "tier", header: "Tier", cell: (tool) => <TierCell tool={tool} /> },
  );
  if (review) {
    columns.push({
      key: "approve-as",
      header: "Approve as",
      cell: (tool) => (
        <Select aria-label={`Tier for ${tool.name}`} className="w-36" value={review.tierOf(tool)} disabled={!reviewable(tool)} onChange={(e) => review.setTier(tool, e.target.value as ToolTier)}>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {TIER_LABELS[tier]}
            </option>
          ))}
        </Select>
      ),
    });
  }
  columns.push(
    { key: "status", header: "Status", cell: (tool) => <StatusCell tool={tool} /> },
    ...extraColumns,
    {
      key: "scope",
      header: "Scope",
      cell: (tool) => (
        <div className="flex items-center gap-1.5">
          <code className="break-all font-mono text-xs text-slate-800">{tool.scope}</code>
          <CopyButton value={tool.scope} variant="ghost" subject={`scope ${tool.name}`} />
        </div>
      ),
    },
    { key: "hints", header: "Hints", cell: (tool) => <Hints tool={tool} /> },
  );
  if (review) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (tool) =>
        tool.status === "disabled" ? (
          <Button variant="secondary" size="sm" aria-label={`Enable ${tool.name}`} loading={review.enabling === tool.id} onClick={() => review.onEnable(tool)}>
            Enable
          </Button>
        ) : (
          <Button variant="secondary" size="sm" aria-label={`Disable ${tool.name}`} onClick={() => review.onDisable(tool)}>
            Disable
          </Button>
        ),
    });
  }

  return (
    <div data-testid="tools-table">
      <DataTable caption={`Tools of ${serverName}`} columns={columns} rows={tools} getRowId={(tool) => tool.id} loading={loading} error={error} empty={empty} />
    </div>
  );
}
