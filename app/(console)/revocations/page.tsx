// /revocations — revoked identities and keys, and how many gateways enforce each
import type { Metadata } from "next";
import { RevocationList } from "@/components/revocations/revocation-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Revocations" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Revocations" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Revocations"
        description="Revoked identities and keys. Reach counts the gateways fronting an affected server that report enforcing a policy revision containing the revocation; it updates as they take new bundles."
      />
      <RevocationList />
    </div>
  );
}
