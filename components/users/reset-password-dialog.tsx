"use client";
// "Reset password": confirm, then show the new temporary password once.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { useToast } from "@/components/ui/toast";
import { useResetUserPassword } from "@/lib/query/users/use-reset-user-password";
import type { TUser } from "@/lib/users/schemas";

export function ResetPasswordDialog({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { toast } = useToast();
  const resetPassword = useResetUserPassword();
  const [error, setError] = useState<string | null>(null);
  // The one-time password lives only here, and only until the dialog closes.
  const [password, setPassword] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      const result = await resetPassword.mutateAsync(user.id);
      resetPassword.reset();
      setPassword(result.temporaryPassword);
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  function finish() {
    setPassword(null);
    onClose();
    toast({ title: "Password reset", description: `${user.email} must change it at the next sign-in.`, tone: "success" });
  }

  return (
    <>
      <ConfirmDialog
        open={password === null}
        onClose={onClose}
        onConfirm={confirm}
        title="Reset password"
        description={`${user.name} (${user.email}) gets a new temporary password. Their account is unlocked and their sessions end.`}
        confirmLabel="Reset password"
      >
        {error ? (
          <Alert tone="danger" title="The password was not reset">
            {error}
          </Alert>
        ) : null}
      </ConfirmDialog>
      <Dialog
        open={password !== null}
        onClose={finish}
        title="Temporary password"
        description={`Give ${user.email} this password through a safe channel; they must change it at the next sign-in.`}
        footer={
          <Button onClick={finish} data-autofocus="">
            Done
          </Button>
        }
      >
        {password !== null ? <SecretReveal label={`Temporary password for ${user.email}`} value={password} /> : null}
      </Dialog>
    </>
  );
}
