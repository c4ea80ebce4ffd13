// /exchange-policies — which MCP servers may exchange agents' tokens for which downstream resources (admins change them)
import type { Metadata } from "next";
import { ExchangePolicies } from "@/components/grants/exchange-policies";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Exchange policies" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Exchange policies" />;
  const canManage = hasPermission(session, "grants:manage");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Exchange policies"
        description={`Which MCP servers may exchange the tokens agents send them (RFC 8693) for tokens to a downstream resource, with which scopes and how deep a delegation chain may go.${canManage ? "" : " Admins add and revoke them."}`}
      />
      <ExchangePolicies canManage={canManage} />
    </div>
  );
}
