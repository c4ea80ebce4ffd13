"use client";
// Warden's signing keys: which one signs, which are published, and rotation (admins).
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format/date";
import { useRotateSigningKey } from "@/lib/query/signing-keys/use-rotate-signing-key";
import { useSigningKeys, type SigningKeyRow } from "@/lib/query/signing-keys/use-signing-keys";

const TONES: Record<SigningKeyRow["status"], BadgeTone> = { next: "info", active: "success", retiring: "warning", retired: "neutral" };
const ALGORITHMS = ["ES256", "EdDSA", "PS256"] as const;

const columns: Column<SigningKeyRow>[] = [
  { key: "kid", header: "Key id", cell: (key) => <code className="font-mono text-xs break-all">{key.kid}</code> },
  { key: "alg", header: "Algorithm", cell: (key) => key.alg },
  { key: "status", header: "Status", cell: (key) => <Badge tone={TONES[key.status]}>{key.status}</Badge> },
  { key: "published", header: "In JWKS", cell: (key) => (key.published ? "yes" : "no") },
  { key: "created", header: "Created", cell: (key) => formatDateTime(key.createdAt) },
  { key: "until", header: "Published until", cell: (key) => (key.status === "retiring" ? formatDateTime(key.publishUntil) : "—") },
];

export function SigningKeyList({ canRotate }: { canRotate: boolean }) {
  const { data, isPending, error } = useSigningKeys();
  const rotate = useRotateSigningKey();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [alg, setAlg] = useState<(typeof ALGORITHMS)[number]>("ES256");
  return (
    <div className="flex flex-col gap-4">
      {canRotate ? (
        <div>
          <Button onClick={() => setOpen(true)}>Rotate signing key</Button>
        </div>
      ) : null}
      <div data-testid="signing-keys-table">
        <DataTable caption="Signing keys" columns={columns} rows={data?.items} getRowId={(key) => key.kid} loading={isPending} error={error ? error.message : null} />
      </div>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Rotate signing key"
        tone="primary"
        confirmLabel="Rotate"
        busy={rotate.isPending}
        description="The published next key starts signing now. The current key stops signing but stays in the JWKS until every token it signed has expired. Other instances switch within 30 seconds."
        onConfirm={async () => {
          try {
            const result = await rotate.mutateAsync(alg);
            setOpen(false);
            toast({ title: "Signing key rotated", description: `Now signing with ${result.active}`, tone: "success" });
          } catch (failure) {
            setOpen(false);
            toast({ title: "Rotation failed", description: (failure as Error).message, tone: "error" });
          }
        }}
      >
        <Field label="Algorithm of the new next key" htmlFor="rotate-alg" hint="A next key of another algorithm is replaced first, so the new algorithm is published before it signs.">
          <Select id="rotate-alg" value={alg} onChange={(event) => setAlg(event.target.value as (typeof ALGORITHMS)[number])}>
            {ALGORITHMS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </Select>
        </Field>
      </ConfirmDialog>
    </div>
  );
}
