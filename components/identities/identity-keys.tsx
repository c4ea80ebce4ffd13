"use client";
// An identity's keys: the table with per-key retire and revoke, and "Add key" for owners and admins.
import { useState } from "react";
import { AddKeyDialog } from "@/components/identities/add-key-dialog";
import { RetireKeyDialog, RevokeKeyDialog } from "@/components/identities/key-dialogs";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format/date";
import type { TKey } from "@/lib/identities/keys/schemas";
import type { TIdentity } from "@/lib/identities/schemas";
import { useKeys } from "@/lib/query/keys/use-keys";

const KEY_STATUS: Record<TKey["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  retiring: { label: "Retiring", tone: "warning" },
  revoked: { label: "Revoked", tone: "danger" },
};

type KeyAction = { kind: "retire" | "revoke"; key: TKey } | { kind: "add" };

const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso} className="whitespace-nowrap">{formatDateTime(iso)}</time> : <span className="text-slate-400">{none}</span>);

export function IdentityKeys({ identity, canChange, defaultOverlapDays, proofRequired }: { identity: TIdentity; canChange: boolean; defaultOverlapDays: number; proofRequired: boolean }) {
  const [action, setAction] = useState<KeyAction | null>(null);
  const { data, isPending, error } = useKeys(identity.id);
  const mayChange = canChange && identity.status !== "revoked";

  const columns: Column<TKey>[] = [
    { key: "kid", header: "Key ID", cell: (key) => <code className="break-all font-mono text-xs text-slate-900">{key.kid}</code> },
    { key: "alg", header: "Algorithm", cell: (key) => <span className="font-mono text-xs">{key.alg}</span> },
    {
      key: "status",
      header: "Status",
      cell: (key) => (
        <span title={key.revokedReason ?? undefined}>
          <Badge tone={KEY_STATUS[key.status].tone}>{KEY_STATUS[key.status].label}</Badge>
        </span>
      ),
    },
    { key: "proof", header: "Proof", cell: (key) => (key.proof === "challenge" ? <Badge tone="success">proven</Badge> : <span className="text-slate-500">none</span>) },
    {
      key: "protection",
      header: "Protection",
      cell: (key) => (key.protection === "hardware" ? <Badge tone="success">hardware</Badge> : <span className="text-slate-500">software</span>),
    },
    { key: "attester", header: "Attested by", cell: (key) => (key.attester ? <span title={key.attestedAt ?? undefined}>{key.attester.name ?? key.attester.id}</span> : <span className="text-slate-400">—</span>) },
    { key: "created", header: "Created", cell: (key) => when(key.createdAt, "—") },
    { key: "expires", header: "Expires", cell: (key) => when(key.expiresAt, "never") },
    { key: "retiringUntil", header: "Retiring until", cell: (key) => when(key.retiringUntil, "—") },
  ];
  if (mayChange) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (key) => (
        <div className="flex justify-end gap-1.5">
          {key.status === "active" ? (
            <Button variant="secondary" size="sm" aria-label={`Retire ${key.kid}`} onClick={() => setAction({ kind: "retire", key })}>
              Retire
            </Button>
          ) : null}
          {key.status !== "revoked" ? (
            <Button variant="danger" size="sm" aria-label={`Revoke ${key.kid}`} onClick={() => setAction({ kind: "revoke", key })}>
              Revoke
            </Button>
          ) : null}
        </div>
      ),
    });
  }

  return (
    <Card
      title="Keys"
      description={`Public keys this identity signs with, published at its JWKS URL. ${identity.keys.active} active, ${identity.keys.retiring} retiring, ${identity.keys.revoked} revoked.`}
      actions={mayChange ? <Button onClick={() => setAction({ kind: "add" })}>Add key</Button> : undefined}
      flush
    >
      <div data-testid="keys-table">
        <DataTable
          caption={`Keys of ${identity.name}`}
          columns={columns}
          rows={data?.items}
          getRowId={(key) => key.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            <EmptyState
              title="No keys yet"
              description={mayChange ? "Add the public key this identity signs with (a JWK), ideally with a proof of possession." : "The owners of this identity add its public keys."}
            />
          }
        />
      </div>
      {action?.kind === "add" ? <AddKeyDialog identityId={identity.id} proofRequired={proofRequired && identity.environment === "production"} onClose={() => setAction(null)} /> : null}
      {action?.kind === "retire" ? <RetireKeyDialog key={action.key.id} identityId={identity.id} keyItem={action.key} defaultOverlapDays={defaultOverlapDays} onClose={() => setAction(null)} /> : null}
      {action?.kind === "revoke" ? <RevokeKeyDialog key={action.key.id} identityId={identity.id} keyItem={action.key} onClose={() => setAction(null)} /> : null}
    </Card>
  );
}
