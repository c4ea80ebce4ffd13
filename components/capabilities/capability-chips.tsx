"use client";
// A tool's capability tags in the catalog table: approved tags as chips, open proposals as one "proposed" marker
// (their reasons in its tooltip), and for owners and admins an "Edit capabilities" button.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { TToolCapability } from "@/lib/capabilities/schemas";

export function CapabilityChips({ toolName, capabilities, onEdit }: { toolName: string; capabilities: TToolCapability[]; onEdit: (() => void) | null }) {
  const approved = capabilities.filter((row) => row.status === "approved");
  const proposed = capabilities.filter((row) => row.status === "proposed");
  return (
    <div className="flex max-w-[16rem] flex-col items-start gap-1">
      {approved.length ? (
        <ul className="flex flex-wrap gap-1" aria-label={`Capabilities of ${toolName}`}>
          {approved.map((row) => (
            <li key={row.tag}>
              <Badge tone="info" className="font-mono">
                {row.tag}
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-xs text-slate-400">no tags</span>
      )}
      {proposed.length ? (
        <span title={proposed.map((row) => `${row.tag}: ${row.reason ?? row.source}`).join("\n")}>
          <Badge tone="warning">{proposed.length} proposed</Badge>
          <span className="sr-only">: {proposed.map((row) => row.tag).join(", ")}</span>
        </span>
      ) : null}
      {onEdit ? (
        <Button variant="ghost" size="sm" aria-label={`Edit capabilities of ${toolName}`} onClick={onEdit}>
          Edit capabilities
        </Button>
      ) : null}
    </div>
  );
}
