"use client";
// Toxic-combination policies: the capability tags no agent may hold together, each policy's mode and its open
// findings; admins create, edit, enable/disable and delete them (every change re-evaluates the agents it concerns).
import Link from "next/link";
import { useState } from "react";
import { ModeBadge } from "@/components/toxic/mode-badge";
import { PolicyDialog } from "@/components/toxic/policy-dialog";
import { ActionConfirmDialog } from "@/components/ui/action-confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { useDeleteToxicPolicy } from "@/lib/query/toxic/use-delete-toxic-policy";
import { useSaveToxicPolicy } from "@/lib/query/toxic/use-save-toxic-policy";
import { useToxicPolicies } from "@/lib/query/toxic/use-toxic-policies";
import type { TToxicPolicy } from "@/lib/toxic/schemas";

export function ToxicPolicies({ canManage }: { canManage: boolean }) {
  const { data, isPending, error } = useToxicPolicies();
  const [editing, setEditing] = useState<TToxicPolicy | "new" | null>(null);
  const [deleting, setDeleting] = useState<TToxicPolicy | null>(null);
  const remove = useDeleteToxicPolicy();
  const save = useSaveToxicPolicy();
  const { toast } = useToast();

  const toggle = async (policy: TToxicPolicy) => {
    try {
      const saved = await save.mutateAsync({ policyId: policy.id, body: { enabled: !policy.enabled } });
      const flagged = saved.flaggedAgentIds.length;
      toast({ title: saved.enabled ? "Policy enabled" : "Policy disabled", description: flagged ? `${flagged} agent${flagged === 1 ? "" : "s"} newly flagged` : saved.name, tone: "success" });
    } catch (thrown) {
      toast({ title: "The policy was not changed", description: thrown instanceof Error ? thrown.message : undefined, tone: "error" });
    }
  };

  const columns: Column<TToxicPolicy>[] = [
    {
      key: "name",
      header: "Policy",
      cell: (policy) => (
        <div className="min-w-0 space-y-0.5">
          <p className="flex flex-wrap items-center gap-1.5 font-medium text-slate-900">
            {policy.name}
            {policy.enabled ? null : <Badge tone="neutral">Disabled</Badge>}
          </p>
          {policy.description ? <p className="text-xs text-slate-600">{policy.description}</p> : null}
        </div>
      ),
    },
    {
      key: "tags",
      header: "Tags held together",
      cell: (policy) => (
        <ul className="flex flex-wrap gap-1">
          {policy.tags.map((tag) => (
            <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
              {tag}
            </li>
          ))}
        </ul>
      ),
    },
    { key: "mode", header: "Mode", cell: (policy) => <ModeBadge mode={policy.mode} /> },
    {
      key: "findings",
      header: "Open findings",
      cell: (policy) =>
        policy.openFindings > 0 ? (
          <Link href={`/access/toxic?policyId=${policy.id}`} className="font-medium text-indigo-700 hover:underline">
            {policy.openFindings} agent{policy.openFindings === 1 ? "" : "s"}
          </Link>
        ) : (
          <span className="text-slate-500">None</span>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (policy) => (
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="secondary" aria-label={`Edit ${policy.name}`} onClick={() => setEditing(policy)}>
            Edit
          </Button>
          <Button size="sm" variant="secondary" aria-label={`${policy.enabled ? "Disable" : "Enable"} ${policy.name}`} onClick={() => void toggle(policy)} disabled={save.isPending}>
            {policy.enabled ? "Disable" : "Enable"}
          </Button>
          <Button size="sm" variant="danger" aria-label={`Delete ${policy.name}`} onClick={() => setDeleting(policy)}>
            Delete
          </Button>
        </div>
      ),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {canManage ? (
        <div className="flex justify-end">
          <Button onClick={() => setEditing("new")}>New policy</Button>
        </div>
      ) : null}
      <div data-testid="toxic-policies-table">
        <DataTable
          caption="Toxic-combination policies"
          columns={columns}
          rows={data?.items}
          getRowId={(policy) => policy.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<EmptyState title="No toxic-combination policies" description={canManage ? "No combination of capabilities is refused or flagged. Add a policy such as the lethal trifecta." : "No combination of capabilities is refused or flagged. Admins add policies."} />}
        />
      </div>
      {editing ? <PolicyDialog key={editing === "new" ? "new" : editing.id} policy={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ActionConfirmDialog
          onClose={() => setDeleting(null)}
          action={() => remove.mutateAsync(deleting.id)}
          title={`Delete "${deleting.name}"?`}
          description="Its findings are deleted with it. Grants it suspended stay suspended until an admin lifts them after review."
          confirmLabel="Delete policy"
          confirmText={deleting.name}
          success={{ title: "Policy deleted", description: deleting.name }}
          failureTitle="The policy was not deleted"
        />
      ) : null}
    </div>
  );
}
