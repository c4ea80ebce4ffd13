// /agents/new — register an agent
import type { Metadata } from "next";
import { RegisterIdentityForm } from "@/components/identities/register-identity-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Register agent" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:register")) return <Forbidden what="Registering identities" />;
  const canManageAny = hasPermission(session, "identities:manage-any");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Register agent" description="Give the agent its identity: an OAuth client id, an accountable owner, token binding and lifetime." />
      <RegisterIdentityForm kind="agent" currentUser={session.user} canManageAny={canManageAny} />
    </div>
  );
}
