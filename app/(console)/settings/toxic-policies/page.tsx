// /settings/toxic-policies — toxic-combination policies: capability tags no agent may hold together (admins change them)
import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { ToxicPolicies } from "@/components/toxic/toxic-policies";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Toxic-combination policies" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Toxic-combination policies" />;
  const canManage = hasPermission(session, "grants:manage");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Toxic-combination policies"
        description={`Capabilities that are unsafe together in one agent's hands — across every server it can reach — and what Warden does about it: block, require a security approval, or warn.${canManage ? "" : " Admins change them."}`}
      />
      <ToxicPolicies canManage={canManage} />
    </div>
  );
}
