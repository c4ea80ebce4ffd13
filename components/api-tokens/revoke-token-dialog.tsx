"use client";
// "Revoke API token": typed confirmation (the token's name).
import { ActionConfirmDialog } from "@/components/ui/action-confirm-dialog";
import type { TApiToken } from "@/lib/api-tokens/schemas";
import { useRevokeApiToken } from "@/lib/query/api-tokens/use-revoke-api-token";

export function RevokeTokenDialog({ token, onClose }: { token: TApiToken; onClose: () => void }) {
  const revokeToken = useRevokeApiToken();
  return (
    <ActionConfirmDialog
      onClose={onClose}
      action={() => revokeToken.mutateAsync(token.id)}
      title="Revoke API token"
      description={`Anything that uses “${token.name}” (${token.prefix}…) stops working immediately. This cannot be undone.`}
      confirmLabel="Revoke token"
      confirmText={token.name}
      success={{ title: "Token revoked", description: `${token.name} no longer works.` }}
      failureTitle="The token was not revoked"
    />
  );
}
