// /campaigns/new — define a campaign as a draft, from a template or blank (admins)
import type { Metadata } from "next";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "New campaign" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "campaigns:manage")) return <Forbidden what="Defining campaigns" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="New campaign" description="Saved as a draft: preview who would review what, change it as often as needed, then launch it." />
      {/* the server's clock, so the default due date renders the same on the server and in the browser */}
      <CampaignForm mode="create" now={new Date().toISOString()} />
    </div>
  );
}
