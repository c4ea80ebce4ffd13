"use client";
// The proposal under review (if any) and the server's other open proposals, each one click from its review.
import { sourceLabel, summarizeDiff } from "@/components/catalog/diff-summary";
import { ProposalReview } from "@/components/catalog/proposal-review";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format/date";
import { useProposal } from "@/lib/query/catalog/use-proposal";
import { useProposals } from "@/lib/query/catalog/use-proposals";

export function CatalogProposals({ serverId, activeId, mayChange, onReview, onClose }: { serverId: string; activeId: string | null; mayChange: boolean; onReview: (proposalId: string) => void; onClose: () => void }) {
  const active = useProposal(serverId, activeId);
  const open = useProposals(serverId, "open");
  const others = (open.data?.items ?? []).filter((proposal) => proposal.id !== activeId);

  return (
    <>
      {activeId ? (
        active.data ? (
          <ProposalReview key={active.data.id} serverId={serverId} proposal={active.data} mayChange={mayChange} onClose={onClose} />
        ) : active.error ? (
          <Alert tone="danger" title="Could not load the proposal">
            {active.error.message}
          </Alert>
        ) : (
          <Spinner label="Loading the proposal" />
        )
      ) : null}
      {others.length > 0 ? (
        <Card title={activeId ? "Other open proposals" : "Open proposals"} description="Proposed catalog changes nobody has applied or discarded yet." flush>
          <ul className="divide-y divide-slate-100">
            {others.map((proposal) => (
              <li key={proposal.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5 text-sm">
                <div className="min-w-0">
                  <p className="font-medium text-slate-800">
                    {sourceLabel(proposal.source)} · <time dateTime={proposal.createdAt}>{formatDateTime(proposal.createdAt)}</time>
                  </p>
                  <p className="text-xs text-slate-500">
                    {summarizeDiff(proposal.diff, { unchanged: true })} · against version {proposal.baseVersion} · <span className="font-mono">{proposal.id}</span>
                  </p>
                </div>
                <Button variant="secondary" size="sm" aria-label={`Review proposal ${proposal.id}`} onClick={() => onReview(proposal.id)}>
                  Review
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
