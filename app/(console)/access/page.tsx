// /access — effective access: which agents can call which tools right now (?serverId=&agentId=&tier= filters)
import type { Metadata } from "next";
import { isTier } from "@/components/catalog/tiers";
import { EffectiveAccess } from "@/components/grants/effective-access";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Effective access" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Effective access" />;
  const params = await searchParams;
  const serverId = first(params.serverId) ?? "";
  const agentId = first(params.agentId) ?? "";
  const tier = first(params.tier);
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Effective access" description="Who can call what right now: active, unexpired grants of approved tools to active agents on active servers." />
      <EffectiveAccess
        initialServerId={/^srv_[0-9a-z]{26}$/.test(serverId) ? serverId : ""}
        initialAgentId={/^agt_[0-9a-z]{26}$/.test(agentId) ? agentId : ""}
        initialTier={isTier(tier) ? tier : ""}
        canManageGrants={hasPermission(session, "grants:manage")}
      />
    </div>
  );
}
