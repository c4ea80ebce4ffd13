"use client";
// Confirms approving every unclassified tool at the tier its annotations suggest, listing them first.
import { ProposedTierBadge } from "@/components/catalog/tier-badge";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { TTool } from "@/lib/catalog/schemas";

export function ApproveAllDialog({ tools, problem, onConfirm, onClose }: { tools: TTool[]; problem: FormProblem | null; onConfirm: () => Promise<void>; onClose: () => void }) {
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={onConfirm}
      tone="primary"
      title="Approve all unclassified tools"
      description={`${tools.length === 1 ? "This tool becomes" : `These ${tools.length} tools become`} callable by agents granted them, at the tier its annotations suggest. Annotations are the server's own hints: check each tier.`}
      confirmLabel="Approve all"
    >
      <div className="space-y-3">
        <ProblemAlert title="The tools were not approved" problem={problem} />
        <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200" aria-label="Tools to approve">
          {tools.map((tool) => (
            <li key={tool.id} className="flex items-center justify-between gap-3 px-3 py-1.5">
              <code className="break-all font-mono text-xs text-slate-900">{tool.name}</code>
              <ProposedTierBadge tier={tool.proposedTier} />
            </li>
          ))}
        </ul>
      </div>
    </ConfirmDialog>
  );
}
