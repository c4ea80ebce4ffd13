"use client";
// The catalog table's "Capabilities" column and its edit dialog, for one server: the tools' tags come from one
// request per server (GET …/tools/capabilities) and the tag definitions from the shared list.
import { useState, type ReactNode } from "react";
import { CapabilityChips } from "@/components/capabilities/capability-chips";
import { EditCapabilitiesDialog } from "@/components/capabilities/edit-capabilities-dialog";
import type { Column } from "@/components/ui/data-table";
import type { TToolCapability } from "@/lib/capabilities/schemas";
import type { TTool } from "@/lib/catalog/schemas";
import { useCapabilityTags } from "@/lib/query/capabilities/use-capability-tags";
import { useToolCapabilities } from "@/lib/query/capabilities/use-tool-capabilities";

const NONE: TToolCapability[] = [];

export function useCapabilityColumn(serverId: string, mayChange: boolean): { column: Column<TTool>; dialog: ReactNode } {
  const { data, error } = useToolCapabilities(serverId);
  const tags = useCapabilityTags();
  const [editing, setEditing] = useState<TTool | null>(null);
  const byTool = new Map<string, TToolCapability[]>();
  for (const row of data?.items ?? []) byTool.set(row.toolId, [...(byTool.get(row.toolId) ?? []), row]);

  const column: Column<TTool> = {
    key: "capabilities",
    header: "Capabilities",
    cell: (tool) =>
      error ? (
        <span className="text-xs text-red-700">tags unavailable</span>
      ) : (
        <CapabilityChips toolName={tool.name} capabilities={byTool.get(tool.id) ?? NONE} onEdit={mayChange && tags.data && data ? () => setEditing(tool) : null} />
      ),
  };
  const dialog =
    editing && tags.data ? (
      <EditCapabilitiesDialog key={editing.id} serverId={serverId} tool={editing} capabilities={byTool.get(editing.id) ?? NONE} tags={tags.data.items} onClose={() => setEditing(null)} />
    ) : null;
  return { column, dialog };
}
