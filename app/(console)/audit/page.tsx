// /audit — the audit log: every security-relevant event, hash-chained
import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Audit log" };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isAuditAction(value: string | undefined): value is AuditAction {
  return value !== undefined && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "audit:read")) return <Forbidden what="The audit log" />;
  const params = await searchParams;
  const action = first(params.action);
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Audit log" description="Who did what, when and with which outcome, newest first. Select an event to see all of it." />
      <AuditLog
        canVerify={hasPermission(session, "audit:verify")}
        initialAction={isAuditAction(action) ? action : undefined}
        initialTargetId={first(params.targetId)?.slice(0, 64) ?? ""}
        initialRequestId={first(params.requestId)?.slice(0, 64) ?? ""}
      />
    </div>
  );
}
