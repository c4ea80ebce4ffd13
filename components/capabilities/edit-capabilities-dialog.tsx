"use client";
// "Capabilities of {tool}": every defined tag as a checkbox (checked = approved on this tool); open proposals show
// why Warden proposed them and can be rejected. Saving sends the complete approved set; when the change gives
// agents a toxic combination, the dialog says which agents to review instead of closing.
import Link from "next/link";
import { useState } from "react";
import { toProblem } from "@/components/catalog/problems";
import { ProblemAlert, type FormProblem } from "@/components/identities/problem-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { TCapabilityTag, TSetToolCapabilitiesResult, TToolCapability } from "@/lib/capabilities/schemas";
import type { TTool } from "@/lib/catalog/schemas";
import { useSetToolCapabilities } from "@/lib/query/capabilities/use-set-tool-capabilities";

const CHECKBOX = "mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-50";

export function EditCapabilitiesDialog({ serverId, tool, capabilities, tags, onClose }: { serverId: string; tool: TTool; capabilities: TToolCapability[]; tags: TCapabilityTag[]; onClose: () => void }) {
  const save = useSetToolCapabilities(serverId);
  const { toast } = useToast();
  const proposals = new Map(capabilities.filter((row) => row.status === "proposed").map((row) => [row.tag, row]));
  const [approved, setApproved] = useState<ReadonlySet<string>>(new Set(capabilities.filter((row) => row.status === "approved").map((row) => row.tag)));
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [flagged, setFlagged] = useState<TSetToolCapabilitiesResult["flaggedAgents"] | null>(null);

  const toggle = (set: ReadonlySet<string>, tag: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(tag);
    else next.delete(tag);
    return next;
  };

  async function submit() {
    setProblem(null);
    try {
      const result = await save.mutateAsync({ toolId: tool.id, input: { tags: [...approved].sort(), reject: [...rejected].filter((tag) => !approved.has(tag)).sort() } });
      if (result.flaggedAgents.length > 0) {
        setFlagged(result.flaggedAgents);
        return;
      }
      toast(
        result.changed
          ? { title: "Capabilities saved", description: `${tool.name}: ${result.capabilities.filter((row) => row.status === "approved").length} approved tags.`, tone: "success" }
          : { title: "No changes", description: `${tool.name} already had those tags.`, tone: "info" },
      );
      onClose();
    } catch (thrown) {
      setProblem(toProblem(thrown));
    }
  }

  if (flagged) {
    const many = flagged.length === 1 ? "1 agent now holds" : `${flagged.length} agents now hold`;
    return (
      <Dialog open onClose={onClose} title={`Capabilities of ${tool.name} saved`} footer={<Button onClick={onClose}>Done</Button>}>
        <Alert tone="warning" title={`${many} a toxic combination — review`}>
          <p>Policies in block mode have suspended the offending grants; the others are flagged for review.</p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5">
            {flagged.map((agent) => (
              <li key={agent.id}>
                <Link className="text-indigo-700 underline" href={`/agents/${agent.id}`}>
                  {agent.name}
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link className="text-indigo-700 underline" href="/access/toxic">
              All agents holding toxic combinations
            </Link>
          </p>
        </Alert>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!save.isPending}
      size="lg"
      title={`Capabilities of ${tool.name}`}
      description="Check the tags this tool gives an agent. Only approved tags count in toxic-combination policies; a change re-checks every agent holding the tool."
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={() => void submit()}>
            Save capabilities
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <ProblemAlert title="The capabilities were not saved" problem={problem} />
        <ul className="space-y-3" aria-label="Capability tags">
          {tags.map((tag) => {
            const proposal = proposals.get(tag.tag);
            const id = `capability-${tool.id}-${tag.tag}`;
            return (
              <li key={tag.tag} className="flex items-start gap-2">
                <input id={id} type="checkbox" className={CHECKBOX} checked={approved.has(tag.tag)} onChange={(e) => setApproved((current) => toggle(current, tag.tag, e.target.checked))} />
                <div className="min-w-0 text-sm">
                  <label htmlFor={id} className="text-slate-900">
                    <span className="font-mono text-xs font-semibold">{tag.tag}</span> <span className="text-slate-600">— {tag.name}</span>
                  </label>
                  <p className="text-xs text-slate-500">{tag.description}</p>
                  {proposal ? (
                    <div className="mt-1 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
                      Proposed from the {proposal.source === "annotation" ? "annotations" : "name and description"}: {proposal.reason}
                      {approved.has(tag.tag) ? null : (
                        <label className="mt-1 flex items-center gap-1.5">
                          <input type="checkbox" className={CHECKBOX} checked={rejected.has(tag.tag)} onChange={(e) => setRejected((current) => toggle(current, tag.tag, e.target.checked))} />
                          Reject this proposal
                        </label>
                      )}
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </Dialog>
  );
}
