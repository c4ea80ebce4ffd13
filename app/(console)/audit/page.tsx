// /audit — the audit explorer: every security-relevant event, hash-chained,
// filterable by agent, server, tool, scope, token and more (filters live in
// the URL: /audit?agent=…&tool=…).
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Forbidden } from "@/components/shell/forbidden";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "audit:read")) return <Forbidden what="The audit log" />;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Audit log" description="Who did what, through which server, to which resource — newest first. Select an event to see all of it and follow its delegation chain." />
      {hasPermission(session, "audit:verify") ? (
        <Card title="Integrity" description="Every event carries the hash of the one before it, so edits and deletions break the chain.">
          <VerifyChain />
        </Card>
      ) : null}
      <Suspense>
        <AuditLog />
      </Suspense>
    </div>
  );
}
