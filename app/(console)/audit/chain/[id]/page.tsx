// /audit/chain/{eventId} — the delegation chain around a token, exchange or tool-call event
import type { Metadata } from "next";
import Link from "next/link";
import { DelegationChainView } from "@/components/audit/delegation-chain-view";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Delegation chain" };

export default async function DelegationChainPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "audit:read")) return <Forbidden what="The audit log" />;
  const { id } = await params;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/audit" className="text-sm text-indigo-700 hover:underline">
        ← Audit log
      </Link>
      <PageHeader title="Delegation chain" description="Agent → MCP server → downstream resource: the tokens that carried each hop, and what was decided and called with them." />
      <DelegationChainView eventId={id.slice(0, 64)} />
    </div>
  );
}
