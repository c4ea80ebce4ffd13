// /servers/import — import MCP servers from MCP Registry server.json documents
import type { Metadata } from "next";
import { ImportServers } from "@/components/import/import-servers";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Import from the MCP Registry" };

export default async function ImportServersPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:register")) return <Forbidden what="Importing MCP servers" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Import from the MCP Registry"
        description="Upload or paste server.json documents or a registry list response, preview what will be created or updated, then import them all at once. Nothing is written while any document is invalid."
      />
      <ImportServers self={{ id: session.user.id, name: session.user.name, email: session.user.email }} canChooseOwner={hasPermission(session, "identities:manage-any")} />
    </div>
  );
}
