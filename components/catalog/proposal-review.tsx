"use client";
// The review panel of one catalog proposal: what would be added (with proposed tiers), changed (drift needs
// approval again), removed and left alone, with "Apply proposal" and "Discard" for owners and admins.
import { useEffect, useRef, useState } from "react";
import { FieldChanges, fieldLabel } from "@/components/catalog/field-changes";
import { isEmptyDiff, sourceLabel, summarizeDiff } from "@/components/catalog/diff-summary";
import { toProblem } from "@/components/catalog/problems";
import { ProposedTierBadge } from "@/components/catalog/tier-badge";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { TProposal } from "@/lib/catalog/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useApplyProposal } from "@/lib/query/catalog/use-apply-proposal";
import { useDiscardProposal } from "@/lib/query/catalog/use-discard-proposal";
import type { ReactNode } from "react";

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="space-y-1.5">
      <h3 className="text-sm font-semibold text-slate-800">
        {title} ({count})
      </h3>
      {children}
    </section>
  );
}

const listClasses = "divide-y divide-slate-100 rounded-md border border-slate-200";

export function ProposalReview({ serverId, proposal, mayChange, onClose }: { serverId: string; proposal: TProposal; mayChange: boolean; onClose: () => void }) {
  const { toast } = useToast();
  const apply = useApplyProposal(serverId);
  const discard = useDiscardProposal(serverId);
  const [problem, setProblem] = useState<{ title: string; problem: FormProblem } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { diff } = proposal;
  const open = proposal.status === "open";
  const titles = new Map(proposal.tools.map((tool) => [tool.name, tool.title]));

  // a new proposal takes the reader's focus to its review
  useEffect(() => heading.current?.focus(), [proposal.id]);

  async function onApply() {
    setProblem(null);
    try {
      const applied = await apply.mutateAsync(proposal.id);
      toast(
        applied.version === null
          ? { title: "Nothing to change", description: "The catalog already matched this proposal.", tone: "info" }
          : { title: `Catalog updated (version ${applied.version})`, description: `${summarizeDiff(applied.diff)}. New and drifted tools are denied until their tier is approved.`, tone: "success" },
      );
      onClose();
    } catch (thrown) {
      setProblem({ title: "The proposal was not applied", problem: toProblem(thrown) });
    }
  }

  async function onDiscard() {
    setProblem(null);
    try {
      await discard.mutateAsync(proposal.id);
      toast({ title: "Proposal discarded", description: "The catalog is unchanged.", tone: "success" });
      onClose();
    } catch (thrown) {
      setProblem({ title: "The proposal was not discarded", problem: toProblem(thrown) });
    }
  }

  const origin = proposal.discovery ? `${sourceLabel(proposal.source)} from ${proposal.discovery.server.name} ${proposal.discovery.server.version}` : sourceLabel(proposal.source);
  const busy = apply.isPending || discard.isPending;

  return (
    <section data-testid="proposal-review" aria-labelledby={`proposal-${proposal.id}-title`} className="rounded-lg border-2 border-indigo-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={`proposal-${proposal.id}-title`} ref={heading} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
            Review proposed catalog changes
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {origin} · {formatDateTime(proposal.createdAt)} · against version {proposal.baseVersion} ·{" "}
            {proposal.mode === "replace" ? "a complete list: tools missing from it are removed" : "merged: nothing is removed"}
          </p>
        </div>
        {open ? null : <Badge tone="neutral">{proposal.status === "applied" ? "Applied" : "Discarded"}</Badge>}
      </div>
      <div className="space-y-4 px-4 py-4">
        <ProblemAlert title={problem?.title ?? ""} problem={problem?.problem ?? null} />
        {isEmptyDiff(diff) ? <Alert tone="info" title="Nothing changes">The reported tools match the catalog.</Alert> : null}
        <Section title="Added" count={diff.added.length}>
          <p className="text-xs text-slate-600">New tools arrive unclassified: denied until their tier is approved.</p>
          <ul className={listClasses}>
            {diff.added.map((tool) => (
              <li key={tool.name} className="flex flex-wrap items-center justify-between gap-2 px-3 py-1.5">
                <span className="min-w-0">
                  <code className="break-all font-mono text-xs font-semibold text-slate-900">{tool.name}</code>
                  {titles.get(tool.name) ? <span className="ml-2 text-xs text-slate-500">{titles.get(tool.name)}</span> : null}
                </span>
                <ProposedTierBadge tier={tool.proposedTier} />
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Changed" count={diff.changed.length}>
          <ul className={listClasses}>
            {diff.changed.map((change) => (
              <li key={change.name} className="space-y-1 px-3 py-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="break-all font-mono text-xs font-semibold text-slate-900">{change.name}</code>
                  <span className="text-xs text-slate-600">{Object.keys(change.fields).map(fieldLabel).join(", ")}</span>
                  {change.drift ? <Badge tone="warning">drift — will need approval again</Badge> : null}
                </div>
                <details>
                  <summary className="cursor-pointer text-xs text-indigo-700 underline">
                    Show changes<span className="sr-only"> to {change.name}</span>
                  </summary>
                  <div className="mt-2">
                    <FieldChanges fields={change.fields} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Removed" count={diff.removed.length}>
          <p className="text-xs text-slate-600">No longer reported by the server: marked removed and denied.</p>
          <ul className={listClasses}>
            {diff.removed.map((tool) => (
              <li key={tool.name} className="px-3 py-1.5">
                <code className="break-all font-mono text-xs text-slate-900">{tool.name}</code>
              </li>
            ))}
          </ul>
        </Section>
        <p className="text-xs text-slate-600">{diff.unchanged === 1 ? "1 tool unchanged." : `${diff.unchanged} tools unchanged.`}</p>
      </div>
      <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-4 py-3">
        {open && mayChange ? (
          <>
            <Button variant="ghost" onClick={onClose} disabled={busy}>
              Review later
            </Button>
            <Button variant="secondary" onClick={() => void onDiscard()} loading={discard.isPending} disabled={busy}>
              Discard
            </Button>
            <Button onClick={() => void onApply()} loading={apply.isPending} disabled={busy}>
              Apply proposal
            </Button>
          </>
        ) : (
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        )}
      </div>
    </section>
  );
}
