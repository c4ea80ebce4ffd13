"use client";
// The approved tools of one MCP server as a checklist, with their tiers: what an agent can be granted
// (Grant access) or can ask for (Request access). Tools the agent already holds are shown but cannot
// be picked; a problem the API names for one tool ("toolIds.2") is shown under that tool.
import { TierBadge } from "@/components/catalog/tier-badge";
import { CHECKBOX_CLASSES } from "@/components/catalog/tools-table";
import { Spinner } from "@/components/ui/spinner";
import type { TTool } from "@/lib/catalog/schemas";

/** A server's tools that can be granted: approved, classified and still reported. */
export const grantableTools = (tools: readonly TTool[] | undefined): TTool[] => (tools ?? []).filter((tool) => tool.status === "approved" && tool.tier && !tool.removedAt);

export function ApprovedToolChecklist(props: {
  /** prefix of each checkbox's id, e.g. "grant-tool" */
  idPrefix: string;
  serverChosen: boolean;
  loading: boolean;
  loadError: string | null;
  tools: readonly TTool[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  disabled: boolean;
  /** per tool id, the API's problem with it */
  issues: Record<string, string>;
  /** per tool id, the grant through which the agent already holds it */
  heldBy?: ReadonlyMap<string, string>;
  /** said under each irreversible tool */
  irreversibleNote?: string;
  emptyText: string;
}) {
  const { idPrefix, tools, selected, issues, heldBy } = props;
  if (!props.serverChosen) return <p className="text-xs text-slate-500">Choose a server to see its approved tools.</p>;
  if (props.loadError) return <p className="text-xs text-red-700">Could not load the server&apos;s tools: {props.loadError}</p>;
  if (props.loading) return <Spinner label="Loading tools" />;
  if (tools.length === 0) return <p className="text-xs text-slate-600">{props.emptyText}</p>;
  return (
    <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
      {tools.map((tool) => {
        const inputId = `${idPrefix}-${tool.id}`;
        const holder = heldBy?.get(tool.id);
        const issue = issues[tool.id];
        const warning = tool.tier === "irreversible" && props.irreversibleNote;
        const notes = [warning ? `${inputId}-warning` : null, holder ? `${inputId}-held` : null, issue ? `${inputId}-error` : null].filter(Boolean).join(" ") || undefined;
        return (
          <li key={tool.id} className="space-y-0.5 px-3 py-2">
            <div className="flex items-center gap-2">
              <input
                id={inputId}
                type="checkbox"
                className={CHECKBOX_CLASSES}
                checked={selected.includes(tool.id)}
                disabled={Boolean(holder) || props.disabled}
                aria-describedby={notes}
                aria-invalid={issue ? true : undefined}
                onChange={(event) => props.onChange(event.target.checked ? [...selected, tool.id] : selected.filter((item) => item !== tool.id))}
              />
              <label htmlFor={inputId} className="break-all font-mono text-xs font-semibold text-slate-900">
                {tool.name}
              </label>
              {tool.tier ? <TierBadge tier={tool.tier} /> : null}
              {tool.title ? <span className="truncate text-xs text-slate-500">{tool.title}</span> : null}
            </div>
            {warning ? (
              <p id={`${inputId}-warning`} className="pl-6 text-xs font-medium text-red-700">
                {props.irreversibleNote}
              </p>
            ) : null}
            {holder ? (
              <p id={`${inputId}-held`} className="pl-6 text-xs text-slate-500">
                Already granted by <span className="font-mono">{holder}</span>.
              </p>
            ) : null}
            {issue ? (
              <p id={`${inputId}-error`} role="alert" className="pl-6 text-xs font-medium text-red-700">
                {issue}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
