"use client";
// "Revoke attester": its attestations are refused from then on and the keys it attested count as
// software-only again. A reason is required; a refused reason stays in the field with its error.
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { TAttester } from "@/lib/attesters/schemas";
import { useRevokeAttester } from "@/lib/query/attesters/use-revoke-attester";

export function RevokeAttesterDialog({ attester, onClose }: { attester: TAttester; onClose: () => void }) {
  const { toast } = useToast();
  const revoke = useRevokeAttester();
  return (
    <ReasonConfirmDialog
      id="revoke-attester-reason"
      title={`Revoke ${attester.name}`}
      description="Its attestations are refused from the next token request on, and keys it attested count as software-only again. Agents whose keys must be hardware-bound will be refused until another attester vouches for them."
      confirmLabel="Revoke"
      failureTitle="The attester was not revoked"
      reasonRequired
      hint="Recorded in the audit log."
      onClose={onClose}
      onSubmit={async (reason) => {
        await revoke.mutateAsync({ id: attester.id, reason: reason ?? "" });
        onClose();
        toast({ title: "Attester revoked", description: attester.name, tone: "success" });
      }}
    />
  );
}
