// /gateways/new — register a gateway
import type { Metadata } from "next";
import { RegisterIdentityForm } from "@/components/identities/register-identity-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Register gateway" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:register")) return <Forbidden what="Registering identities" />;
  const canManageAny = hasPermission(session, "identities:manage-any");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Register gateway" description="Name the gateway and the MCP servers it fronts." />
      <RegisterIdentityForm kind="gateway" currentUser={session.user} canManageAny={canManageAny} />
    </div>
  );
}
