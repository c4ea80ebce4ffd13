"use client";
// Capability tag definitions: what each tag means and where it is used (tools, toxic-combination policies).
// Admins define, edit and delete them; built-in tags and tags in use cannot be deleted.
import { useState } from "react";
import { CapabilityTagDialog } from "@/components/capabilities/capability-tag-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import type { TCapabilityTag } from "@/lib/capabilities/schemas";
import { useCapabilityTags } from "@/lib/query/capabilities/use-capability-tags";
import { useDeleteCapabilityTag } from "@/lib/query/capabilities/use-delete-capability-tag";

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function Usage({ tag }: { tag: TCapabilityTag }) {
  const { approved, proposed, policies } = tag.usage;
  if (approved + proposed + policies.length === 0) return <span className="text-xs text-slate-400">unused</span>;
  return (
    <ul className="space-y-0.5 text-xs text-slate-700">
      {approved ? <li>{count(approved, "tool")}</li> : null}
      {proposed ? <li className="text-slate-500">proposed on {count(proposed, "tool")}</li> : null}
      {policies.length ? <li>policies: {policies.map((policy) => policy.name).join(", ")}</li> : null}
    </ul>
  );
}

const inUse = (tag: TCapabilityTag) => tag.usage.approved + tag.usage.proposed + tag.usage.policies.length > 0;

export function CapabilityTagList({ canManage }: { canManage: boolean }) {
  const { data, isPending, error } = useCapabilityTags();
  const remove = useDeleteCapabilityTag();
  const { toast } = useToast();
  const [editing, setEditing] = useState<TCapabilityTag | "new" | null>(null);
  const [deleting, setDeleting] = useState<TCapabilityTag | null>(null);

  const columns: Column<TCapabilityTag>[] = [
    {
      key: "tag",
      header: "Tag",
      cell: (row) => (
        <div className="flex flex-col items-start gap-1">
          <code className="font-mono text-xs font-semibold text-slate-900">{row.tag}</code>
          {row.builtin ? <Badge tone="neutral">built-in</Badge> : null}
        </div>
      ),
    },
    { key: "name", header: "Name", cell: (row) => row.name },
    { key: "description", header: "Description", cell: (row) => <span className="text-sm text-slate-600">{row.description}</span> },
    { key: "usage", header: "Used by", cell: (row) => <Usage tag={row} /> },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (row) => (
        <div className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" aria-label={`Edit ${row.tag}`} onClick={() => setEditing(row)}>
            Edit
          </Button>
          {row.builtin ? null : (
            <Button
              variant="danger"
              size="sm"
              aria-label={`Delete ${row.tag}`}
              disabled={inUse(row)}
              title={inUse(row) ? "In use: remove it from its tools and policies first" : undefined}
              onClick={() => setDeleting(row)}
            >
              Delete
            </Button>
          )}
        </div>
      ),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {canManage ? (
        <div>
          <Button onClick={() => setEditing("new")}>Define a tag</Button>
        </div>
      ) : null}
      <div data-testid="capability-tags-table">
        <DataTable
          caption="Capability tags"
          columns={columns}
          rows={data?.items}
          getRowId={(row) => row.tag}
          loading={isPending}
          error={error ? error.message : null}
          empty={<EmptyState title="No capability tags" description="The built-in tags are missing: run the database migrations." />}
        />
      </div>
      {editing ? <CapabilityTagDialog key={editing === "new" ? "new" : editing.tag} editing={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.tag ?? "tag"}`}
        confirmLabel="Delete tag"
        busy={remove.isPending}
        description="The tag is no longer offered for tools or policies. Nothing uses it today; the audit log keeps its history."
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await remove.mutateAsync(deleting.tag);
            toast({ title: "Capability tag deleted", description: deleting.tag, tone: "success" });
            setDeleting(null);
          } catch (failure) {
            toast({ title: "The tag was not deleted", description: (failure as Error).message, tone: "error" });
          }
        }}
      />
    </div>
  );
}
