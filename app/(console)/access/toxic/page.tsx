// /access/toxic — agents holding toxic combinations, for review (?policyId= filters by policy)
import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { ToxicFindings } from "@/components/toxic/toxic-findings";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Agents holding toxic combinations" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Agents holding toxic combinations" />;
  const policyId = first((await searchParams).policyId) ?? "";
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Agents holding toxic combinations"
        description="Agents whose access across all servers holds every capability of an enabled toxic-combination policy. Block-mode policies have suspended the offending grants: revoke what the agent does not need, then lift the suspension on its page."
      />
      <ToxicFindings canManage={hasPermission(session, "grants:manage")} policyId={/^txp_[0-9a-z]{26}$/.test(policyId) ? policyId : undefined} />
    </div>
  );
}
