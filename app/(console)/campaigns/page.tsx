// /campaigns — recertification campaigns: the list, filtered by status, and "New campaign" for admins
import type { Metadata } from "next";
import { CampaignList } from "@/components/campaigns/campaign-list";
import { Forbidden } from "@/components/shell/forbidden";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Recertification campaigns" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "campaigns:read")) return <Forbidden what="Recertification campaigns" />;
  const canManage = hasPermission(session, "campaigns:manage");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Recertification campaigns"
        description="Owners confirm or remove the identities, grants and tools they own by a deadline; what is not confirmed gets the campaign's policy, usually revocation."
        actions={canManage ? <ButtonLink href="/campaigns/new">New campaign</ButtonLink> : undefined}
      />
      <CampaignList canManage={canManage} />
    </div>
  );
}
