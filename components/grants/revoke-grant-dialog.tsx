"use client";
// "Revoke grant": the agent loses the grant's scopes at once; a reason is required and recorded.
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { TGrant } from "@/lib/grants/schemas";
import { useRevokeGrant } from "@/lib/query/grants/use-revoke-grant";

export function RevokeGrantDialog({ grant, onClose }: { grant: TGrant; onClose: () => void }) {
  const { toast } = useToast();
  const revoke = useRevokeGrant();
  const scopes = grant.tools.filter((tool) => !tool.revokedAt).length;
  return (
    <ReasonConfirmDialog
      id="revoke-grant-reason"
      title="Revoke grant"
      description={
        <>
          {grant.agent.name} can no longer call the {scopes === 1 ? "tool" : `${scopes} tools`} of grant <code className="font-mono">{grant.id}</code> on {grant.server.name}. This cannot be undone; grant access again if needed.
        </>
      }
      confirmLabel="Revoke grant"
      failureTitle="The grant was not revoked"
      reasonRequired
      hint="Recorded with the grant, in the audit log and on the revocation list."
      onClose={onClose}
      onSubmit={async (reason) => {
        await revoke.mutateAsync({ grantId: grant.id, reason: reason ?? "" });
        onClose();
        toast({ title: "Grant revoked", description: `${grant.agent.name} lost ${scopes === 1 ? "1 scope" : `${scopes} scopes`} on ${grant.server.name}.`, tone: "success" });
      }}
    />
  );
}
