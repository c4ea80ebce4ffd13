// /servers — the MCP server inventory
import type { Metadata } from "next";
import { ServerList } from "@/components/servers/server-list";
import { Forbidden } from "@/components/shell/forbidden";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "MCP servers" };

export default async function ServersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The MCP server inventory" />;
  const { mine } = await searchParams;
  const canRegister = hasPermission(session, "identities:register");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="MCP servers"
        description="Every MCP server Warden knows: its RFC 8707 resource URI and the person accountable for it."
        actions={canRegister ? <ButtonLink href="/servers/new">Register server</ButtonLink> : undefined}
      />
      <ServerList currentUserId={session.user.id} canRegister={canRegister} initialMine={mine === "1" || mine === "true"} />
    </div>
  );
}
