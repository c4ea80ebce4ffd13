"use client";
// ActionConfirmDialog: a ConfirmDialog that runs one mutation, closes and
// toasts on success, and shows the failure inside the dialog (nothing closes
// on error, so the user can retry). For deletes and revocations whose only
// input is the confirmation.
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

export function ActionConfirmDialog(props: {
  onClose: () => void;
  /** the mutation; throws on failure */
  action: () => Promise<unknown>;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** text the user must type to confirm (e.g. the object's name) */
  confirmText?: string;
  success: { title: string; description?: string };
  /** the alert's title when the action fails, e.g. "The token was not revoked" */
  failureTitle: string;
}) {
  const { toast } = useToast();
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await props.action();
      props.onClose();
      toast({ ...props.success, tone: "success" });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  return (
    <ConfirmDialog open onClose={props.onClose} onConfirm={confirm} title={props.title} description={props.description} confirmLabel={props.confirmLabel} confirmText={props.confirmText}>
      {error ? (
        <Alert tone="danger" title={props.failureTitle}>
          {error}
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
