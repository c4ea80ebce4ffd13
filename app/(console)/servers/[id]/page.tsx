// /servers/[id] — one MCP server: its identity, owner and audit history
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServerAuditHistory } from "@/components/servers/server-audit-history";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { AppError } from "@/lib/errors/app-error";
import { formatDateTime } from "@/lib/format/date";
import { getServer } from "@/lib/identities/servers/get-server";
import type { TServer } from "@/lib/identities/servers/schemas";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "MCP server" };

export default async function ServerPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The MCP server inventory" />;
  const { id } = await params;

  let server: TServer;
  try {
    server = await getServer({ actor: session.actor, serverId: id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={server.name}
        description="MCP server"
        actions={
          <ButtonLink href="/servers" variant="secondary">
            Back to servers
          </ButtonLink>
        }
      />
      <Card title="Details">
        <DescriptionList
          items={[
            {
              label: "ID",
              value: (
                <span className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs" data-testid="server-id">
                    {server.id}
                  </code>
                  <CopyButton value={server.id} subject="server id" />
                </span>
              ),
            },
            { label: "Resource URI", value: <code className="font-mono text-xs break-all">{server.resourceUri}</code> },
            {
              label: "Owner",
              value: (
                <span className="flex flex-wrap items-center gap-1.5">
                  <span>{server.owner.name}</span>
                  <span className="text-slate-500">({server.owner.email})</span>
                  {server.owner.active ? null : <Badge tone="danger">deactivated</Badge>}
                </span>
              ),
            },
            { label: "Description", value: server.description ? <span className="whitespace-pre-wrap">{server.description}</span> : null },
            { label: "Created", value: <time dateTime={server.createdAt}>{formatDateTime(server.createdAt)}</time> },
            { label: "Updated", value: <time dateTime={server.updatedAt}>{formatDateTime(server.updatedAt)}</time> },
          ]}
        />
      </Card>
      {hasPermission(session, "audit:read") ? (
        <Card title="Audit history" description="What happened to this server, newest first." flush>
          <ServerAuditHistory serverId={server.id} serverName={server.name} />
        </Card>
      ) : null}
    </div>
  );
}
