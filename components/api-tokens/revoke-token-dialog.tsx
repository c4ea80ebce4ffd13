"use client";
// "Revoke API token": typed confirmation (the token's name).
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { TApiToken } from "@/lib/api-tokens/schemas";
import { useRevokeApiToken } from "@/lib/query/api-tokens/use-revoke-api-token";

export function RevokeTokenDialog({ token, onClose }: { token: TApiToken; onClose: () => void }) {
  const { toast } = useToast();
  const revokeToken = useRevokeApiToken();
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await revokeToken.mutateAsync(token.id);
      onClose();
      toast({ title: "Token revoked", description: `${token.name} no longer works.`, tone: "success" });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={confirm}
      title="Revoke API token"
      description={`Anything that uses “${token.name}” (${token.prefix}…) stops working immediately. This cannot be undone.`}
      confirmLabel="Revoke token"
      confirmText={token.name}
    >
      {error ? (
        <Alert tone="danger" title="The token was not revoked">
          {error}
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
