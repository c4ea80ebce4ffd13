// /settings/audit-forwarding — audit sinks: SIEM webhooks, JSON Lines files and syslog (docs/audit-forwarding.md)
import type { Metadata } from "next";
import { AuditSinkList } from "@/components/audit-sinks/audit-sink-list";
import { CreateAuditSinkButton } from "@/components/audit-sinks/create-audit-sink-dialog";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { auditSinkDir } from "@/lib/audit/sinks/config";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Audit forwarding" };

export default async function AuditForwardingPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "audit:read")) return <Forbidden what="Audit forwarding" />;
  const canManage = hasPermission(session, "audit:manage");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Audit forwarding"
        description="Warden forwards every audit event, in order and at least once, to these sinks: a SIEM over https (signed JSON batches), a JSON Lines file, or a syslog server (RFC 5424). Field names follow OpenTelemetry conventions (mcp.method.name, gen_ai.tool.name, …). A failing sink is retried with backoff and picks up where it stopped."
        actions={canManage ? <CreateAuditSinkButton sinkDir={auditSinkDir()} /> : undefined}
      />
      <AuditSinkList canManage={canManage} />
    </div>
  );
}
