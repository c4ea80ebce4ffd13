"use client";
// Trusted attesters: who may vouch that an agent's key is hardware-bound; admins add and revoke them.
import { useState } from "react";
import { RegisterAttesterDialog } from "@/components/attesters/register-attester-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { TAttester } from "@/lib/attesters/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAttesters } from "@/lib/query/attesters/use-attesters";
import { useRevokeAttester } from "@/lib/query/attesters/use-revoke-attester";

const claimsText = (claims: TAttester["hardwareClaims"]) => Object.entries(claims).map(([claim, values]) => `${claim} ∈ {${values.join(", ")}}`).join("; ");

export function AttesterList({ canManage }: { canManage: boolean }) {
  const { data, isPending, error } = useAttesters();
  const revoke = useRevokeAttester();
  const { toast } = useToast();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<TAttester | null>(null);
  const [reason, setReason] = useState("");

  const columns: Column<TAttester>[] = [
    { key: "name", header: "Name", cell: (row) => row.name },
    { key: "issuer", header: "Issuer (iss)", cell: (row) => <code className="font-mono text-xs break-all">{row.issuer}</code> },
    { key: "claims", header: "Hardware when", cell: (row) => <span className="font-mono text-xs">{claimsText(row.hardwareClaims)}</span> },
    { key: "keys", header: "Signing keys", cell: (row) => row.jwks.keys.length },
    { key: "attested", header: "Keys attested", cell: (row) => row.keyCount },
    { key: "expires", header: "Trusted until", cell: (row) => (row.expired ? <Badge tone="danger">expired</Badge> : row.expiresAt ? formatDateTime(row.expiresAt) : "no expiry") },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: "Actions",
      className: "text-right",
      cell: (row) => (
        <Button variant="danger" size="sm" aria-label={`Revoke ${row.name}`} onClick={() => setRevoking(row)}>
          Revoke
        </Button>
      ),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {canManage ? (
        <div>
          <Button onClick={() => setAdding(true)}>Trust an attester</Button>
        </div>
      ) : null}
      <div data-testid="attesters-table">
        <DataTable caption="Trusted attesters" columns={columns} rows={data?.items} getRowId={(row) => row.id} loading={isPending} error={error ? error.message : null} />
      </div>
      {adding ? <RegisterAttesterDialog onClose={() => setAdding(false)} /> : null}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke ${revoking?.name ?? "attester"}`}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        description="Its attestations are refused from the next token request on, and keys it attested count as software-only again. Agents whose keys must be hardware-bound will be refused until another attester vouches for them."
        onConfirm={async () => {
          if (!revoking) return;
          try {
            await revoke.mutateAsync({ id: revoking.id, reason });
            toast({ title: "Attester revoked", description: revoking.name, tone: "success" });
            setRevoking(null);
            setReason("");
          } catch (failure) {
            toast({ title: "Could not revoke", description: (failure as Error).message, tone: "error" });
          }
        }}
      >
        <Field label="Reason" htmlFor="revoke-attester-reason" required>
          <Input id="revoke-attester-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
      </ConfirmDialog>
    </div>
  );
}
