"use client";
// "Deactivate user": typed confirmation (the email) and an optional reason.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { useDeactivateUser } from "@/lib/query/users/use-deactivate-user";
import type { TUser } from "@/lib/users/schemas";

export function DeactivateUserDialog({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { toast } = useToast();
  const deactivateUser = useDeactivateUser();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await deactivateUser.mutateAsync({ id: user.id, reason: reason.trim() || undefined });
      onClose();
      toast({ title: "User deactivated", description: `${user.email} was signed out and their API tokens stopped working.`, tone: "success" });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={confirm}
      title="Deactivate user"
      description={`${user.name} (${user.email}) is signed out everywhere and their API tokens stop working. You can reactivate them later.`}
      confirmLabel="Deactivate user"
      confirmText={user.email}
    >
      {error ? (
        <Alert tone="danger" title="The user was not deactivated">
          {error}
        </Alert>
      ) : null}
      <Field label="Reason (optional)" htmlFor="deactivate-reason" hint="Recorded in the audit log.">
        <Textarea id="deactivate-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-describedby="deactivate-reason-hint" disabled={deactivateUser.isPending} />
      </Field>
    </ConfirmDialog>
  );
}
