// /servers/new — register an MCP server
import type { Metadata } from "next";
import { RegisterServerForm } from "@/components/servers/register-server-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Register MCP server" };

export default async function RegisterServerPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:register")) return <Forbidden what="Registering MCP servers" />;
  return (
    <div className="flex max-w-2xl flex-col gap-2">
      <PageHeader title="Register MCP server" description="Give the server its own identity: a name, the resource URI clients ask tokens for, and an accountable owner." />
      <RegisterServerForm
        currentUser={{ id: session.user.id, name: session.user.name, email: session.user.email }}
        canChooseOwner={hasPermission(session, "identities:manage-any")}
      />
    </div>
  );
}
