"use client";
// "Disable {tool}": the tool is denied at once, whatever its tier and grants; an optional reason goes to the audit log.
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { TTool } from "@/lib/catalog/schemas";
import { useSetToolEnabled } from "@/lib/query/catalog/use-set-tool-enabled";

export function DisableToolDialog({ serverId, tool, onClose }: { serverId: string; tool: TTool; onClose: () => void }) {
  const { toast } = useToast();
  const setEnabled = useSetToolEnabled(serverId);
  return (
    <ReasonConfirmDialog
      id="disable-tool-reason"
      title={`Disable ${tool.name}`}
      description={
        <>
          Agents are denied <code className="font-mono">{tool.scope}</code> at once, whatever its tier and their grants. You can enable it again later.
        </>
      }
      confirmLabel="Disable tool"
      failureTitle="The tool was not disabled"
      reasonRequired={false}
      hint="Recorded in the audit log."
      onClose={onClose}
      onSubmit={async (reason) => {
        await setEnabled.mutateAsync({ toolId: tool.id, enabled: false, reason });
        onClose();
        toast({ title: "Tool disabled", description: `${tool.name} is denied to every agent.`, tone: "success" });
      }}
    />
  );
}
