"use client";
// The "Tools" card of an MCP server: the catalog table, and for owners and admins the review (tiers, "Approve
// selected", "Approve all unclassified at proposed tiers") and Disable / Enable per tool.
import { useState, type ReactNode } from "react";
import { useCapabilityColumn } from "@/components/capabilities/use-capability-column";
import { ApproveAllDialog } from "@/components/catalog/approve-all-dialog";
import { DisableToolDialog } from "@/components/catalog/disable-tool-dialog";
import { toProblem } from "@/components/catalog/problems";
import { reviewable, ToolsTable, type ToolReview } from "@/components/catalog/tools-table";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import type { ToolTier } from "@/lib/catalog/classify";
import type { TTool } from "@/lib/catalog/schemas";
import type { TIdentity } from "@/lib/identities/schemas";
import { useReviewTools, type ReviewDecision } from "@/lib/query/catalog/use-review-tools";
import { useSetToolEnabled } from "@/lib/query/catalog/use-set-tool-enabled";
import { useTools } from "@/lib/query/catalog/use-tools";

const toolWord = (count: number) => (count === 1 ? "1 tool" : `${count} tools`);

export function ToolsSection({ identity, mayChange, actions }: { identity: TIdentity; mayChange: boolean; actions?: ReactNode }) {
  const { toast } = useToast();
  const { data, isPending, error } = useTools(identity.id);
  const reviewTools = useReviewTools(identity.id);
  const setEnabled = useSetToolEnabled(identity.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [tiers, setTiers] = useState<Record<string, ToolTier>>({});
  const [confirmAll, setConfirmAll] = useState(false);
  const [disabling, setDisabling] = useState<TTool | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const capabilities = useCapabilityColumn(identity.id, mayChange);

  const tools = data?.items;
  const tierOf = (tool: TTool): ToolTier => tiers[tool.id] ?? tool.tier ?? tool.proposedTier;
  const chosen = (tools ?? []).filter((tool) => selected.has(tool.id) && reviewable(tool));
  const unclassified = (tools ?? []).filter((tool) => tool.status === "unclassified" && !tool.removedAt);
  const drifted = (tools ?? []).filter((tool) => tool.drift).length;

  async function approve(decisions: ReviewDecision[]): Promise<boolean> {
    setProblem(null);
    try {
      const result = await reviewTools.mutateAsync(decisions);
      setSelected(new Set());
      setTiers({});
      toast(
        result.version === null
          ? { title: "No changes", description: "Those tools were already approved at those tiers.", tone: "info" }
          : { title: `Catalog updated (version ${result.version})`, description: `${toolWord(decisions.length)} approved.`, tone: "success" },
      );
      return true;
    } catch (thrown) {
      setProblem(toProblem(thrown));
      return false;
    }
  }

  async function enable(tool: TTool) {
    try {
      const updated = await setEnabled.mutateAsync({ toolId: tool.id, enabled: true });
      toast(
        updated.status === "approved"
          ? { title: "Tool enabled", description: `${tool.name} is approved again as ${updated.tier ?? "before"}.`, tone: "success" }
          : { title: "Tool enabled", description: `${tool.name} changed since it was approved: it stays denied until you approve it again.`, tone: "info" },
      );
    } catch (thrown) {
      toast({ title: "The tool was not enabled", description: toProblem(thrown).message, tone: "error" });
    }
  }

  const review: ToolReview | null = mayChange
    ? {
        selected,
        toggle: (tool, checked) =>
          setSelected((current) => {
            const next = new Set(current);
            if (checked) next.add(tool.id);
            else next.delete(tool.id);
            return next;
          }),
        tierOf,
        setTier: (tool, tier) => {
          setTiers((current) => ({ ...current, [tool.id]: tier }));
          // choosing a tier is choosing to approve it
          setSelected((current) => new Set(current).add(tool.id));
        },
        onDisable: setDisabling,
        onEnable: (tool) => void enable(tool),
        enabling: setEnabled.isPending && setEnabled.variables?.enabled ? setEnabled.variables.toolId : null,
      }
    : null;

  const counts = tools
    ? `${toolWord(tools.length)}, ${tools.filter((tool) => tool.status === "approved").length} approved, ${unclassified.length} unclassified${drifted ? ` (${drifted} drifted)` : ""}.`
    : "";

  return (
    <Card
      title="Tools"
      description={`Each tool is an OAuth scope. Unclassified tools are denied until an owner approves their tier. ${counts}${data ? ` Catalog version ${data.version}.` : ""}`}
      actions={actions}
      flush
    >
      {mayChange && tools && tools.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3">
          <Button size="sm" disabled={chosen.length === 0} loading={reviewTools.isPending && !confirmAll} onClick={() => void approve(chosen.map((tool) => ({ toolId: tool.id, tier: tierOf(tool) })))}>
            Approve selected
          </Button>
          <span className="text-xs text-slate-600" aria-live="polite">
            {chosen.length === 0 ? "Select tools and their tiers to approve them." : `${toolWord(chosen.length)} selected.`}
          </span>
          {unclassified.length > 0 ? (
            <Button variant="secondary" size="sm" className="ml-auto" onClick={() => setConfirmAll(true)}>
              Approve all unclassified at proposed tiers
            </Button>
          ) : null}
        </div>
      ) : null}
      {problem && !confirmAll ? (
        <div className="px-4 pt-3">
          <ProblemAlert title="The tools were not approved" problem={problem} />
        </div>
      ) : null}
      <ToolsTable
        serverName={identity.name}
        tools={tools}
        loading={isPending}
        error={error ? error.message : null}
        review={review}
        extraColumns={[capabilities.column]}
        empty={
          <EmptyState
            title="No tools in the catalog yet"
            description={
              mayChange
                ? "Discover the server's tools, upload its tools/list result or add tools by hand. New tools arrive unclassified: denied until you approve a tier."
                : "The owners of this server add its tools. Until then agents can call none of them."
            }
          />
        }
      />
      {confirmAll ? (
        <ApproveAllDialog
          tools={unclassified}
          problem={problem}
          onClose={() => {
            setConfirmAll(false);
            setProblem(null);
          }}
          onConfirm={async () => {
            if (await approve(unclassified.map((tool) => ({ toolId: tool.id, tier: tool.proposedTier })))) setConfirmAll(false);
          }}
        />
      ) : null}
      {capabilities.dialog}
      {disabling ? <DisableToolDialog key={disabling.id} serverId={identity.id} tool={disabling} onClose={() => setDisabling(null)} /> : null}
    </Card>
  );
}
