// /settings/attesters — the attesters trusted to vouch that agents' keys are hardware-bound
import type { Metadata } from "next";
import { AttesterList } from "@/components/attesters/attester-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Trusted attesters" };

export default async function AttestersPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "settings:read")) return <Forbidden what="Trusted attesters" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Trusted attesters"
        description="Issuers of client attestations (attest_jwt_client_auth). An agent's key counts as hardware-bound only when one of these attests it and the attestation's claims meet the attester's hardware claims."
      />
      <AttesterList canManage={hasPermission(session, "settings:manage")} />
    </div>
  );
}
