// /settings/webhooks — outgoing webhook endpoints for campaign events
import type { Metadata } from "next";
import { CreateWebhookButton } from "@/components/notifications/create-webhook-dialog";
import { WebhookList } from "@/components/notifications/webhook-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "notifications:manage")) return <Forbidden what="Webhook management" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Webhooks"
        description="Warden posts campaign launches, reminders, escalations and closings to these URLs as JSON, signed with each endpoint's secret (Warden-Signature header). Failed deliveries are retried with backoff; see the delivery log."
        actions={<CreateWebhookButton />}
      />
      <WebhookList canManage />
    </div>
  );
}
