// /servers/new — register an MCP server
import type { Metadata } from "next";
import { RegisterIdentityForm } from "@/components/identities/register-identity-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Register MCP server" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:register")) return <Forbidden what="Registering identities" />;
  const canManageAny = hasPermission(session, "identities:manage-any");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Register MCP server" description="Give the server its identity: a resource URI, an accountable owner and, once registered, its keys." />
      <RegisterIdentityForm kind="server" currentUser={session.user} canManageAny={canManageAny} />
    </div>
  );
}
