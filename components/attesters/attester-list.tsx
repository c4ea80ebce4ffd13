"use client";
// Trusted attesters: who may vouch that an agent's key is hardware-bound; admins add and revoke them.
import { useState } from "react";
import { RegisterAttesterDialog } from "@/components/attesters/register-attester-dialog";
import { RevokeAttesterDialog } from "@/components/attesters/revoke-attester-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { TAttester } from "@/lib/attesters/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAttesters } from "@/lib/query/attesters/use-attesters";

const claimsText = (claims: TAttester["hardwareClaims"]) => Object.entries(claims).map(([claim, values]) => `${claim} ∈ {${values.join(", ")}}`).join("; ");

export function AttesterList({ canManage }: { canManage: boolean }) {
  const { data, isPending, error } = useAttesters();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<TAttester | null>(null);

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
      {revoking ? <RevokeAttesterDialog attester={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
