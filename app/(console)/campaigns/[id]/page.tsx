// /campaigns/[id] — one campaign: a draft's definition, preview and launch; a running or closed one's dashboard
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { AppError } from "@/lib/errors/app-error";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Campaign" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "campaigns:read")) return <Forbidden what="Recertification campaigns" />;
  const { id } = await params;
  let campaign: TCampaign;
  try {
    campaign = await getCampaign({ actor: session.actor, campaignId: id });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <CampaignDetail campaign={campaign} canManage={hasPermission(session, "campaigns:manage")} />;
}
