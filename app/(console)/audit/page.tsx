// /audit — the audit explorer: every security-relevant event, hash-chained,
// filterable by agent, server, tool, scope, token and more (filters live in
// the URL: /audit?agent=…&tool=…).
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { IntegrityPanel } from "@/components/audit/integrity-panel";
import { RetentionForm } from "@/components/audit/retention-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "audit:read")) return <Forbidden what="The audit log" />;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Audit log" description="Who did what, through which server, to which resource — newest first. Select an event to see all of it and follow its delegation chain." />
      <IntegrityPanel canVerify={hasPermission(session, "audit:verify")} canManage={hasPermission(session, "audit:manage")} />
      <Suspense>
        <AuditLog />
      </Suspense>
      <RetentionForm canManage={hasPermission(session, "audit:manage")} />
    </div>
  );
}
