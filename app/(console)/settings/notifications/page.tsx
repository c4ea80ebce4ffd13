// /settings/notifications — the delivery log of campaign emails and webhook deliveries
import type { Metadata } from "next";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Delivery log" };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function DeliveryLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "notifications:read")) return <Forbidden what="The delivery log" />;
  const params = await searchParams;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Delivery log"
        description="Every campaign email and webhook delivery, newest first. Failed attempts are retried after 30 s, 2 min, 10 min, 1 h and 6 h; after the last one the delivery fails and can be sent again."
      />
      <DeliveryLog canRetry={hasPermission(session, "notifications:manage")} initialCampaignId={first(params.campaignId)?.slice(0, 64) ?? ""} />
    </div>
  );
}
