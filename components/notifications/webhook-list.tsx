"use client";
// The webhook endpoints table: URL, events, state; enable or disable, delete with a confirmation.
import { useState } from "react";
import { DeleteWebhookDialog } from "@/components/notifications/delete-webhook-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format/date";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useUpdateWebhook } from "@/lib/query/notifications/use-update-webhook";
import { useWebhooks } from "@/lib/query/notifications/use-webhooks";

const PAGE_SIZE = 25;

export function WebhookList({ canManage }: { canManage: boolean }) {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useWebhooks({ cursor: pagination.cursor, limit: PAGE_SIZE });
  const updateWebhook = useUpdateWebhook();
  const { toast } = useToast();
  const [deleting, setDeleting] = useState<TWebhookEndpoint | null>(null);

  const toggle = async (endpoint: TWebhookEndpoint) => {
    try {
      await updateWebhook.mutateAsync({ id: endpoint.id, input: { enabled: !endpoint.enabled } });
      toast({ title: endpoint.enabled ? "Endpoint disabled" : "Endpoint enabled", description: endpoint.url, tone: "success" });
    } catch (thrown) {
      toast({ title: "Nothing changed", description: thrown instanceof ApiError ? thrown.message : "The change failed", tone: "error" });
    }
  };

  const columns: Column<TWebhookEndpoint>[] = [
    {
      key: "url",
      header: "URL",
      cell: (endpoint) => (
        <span className="flex flex-col">
          <span className="font-mono text-xs break-all text-slate-900">{endpoint.url}</span>
          {endpoint.description ? <span className="text-xs text-slate-500">{endpoint.description}</span> : null}
        </span>
      ),
    },
    {
      key: "events",
      header: "Events",
      cell: (endpoint) => (
        <ul className="flex flex-wrap gap-1">
          {endpoint.events.map((event) => (
            <li key={event} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-700">
              {event}
            </li>
          ))}
        </ul>
      ),
    },
    { key: "state", header: "State", cell: (endpoint) => (endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>) },
    { key: "createdAt", header: "Added", cell: (endpoint) => <span className="whitespace-nowrap">{formatDateTime(endpoint.createdAt)}</span> },
    ...(canManage
      ? [
          {
            key: "actions",
            header: "Actions",
            className: "text-right",
            cell: (endpoint: TWebhookEndpoint) => (
              <span className="flex justify-end gap-2">
                <Button size="sm" variant="secondary" aria-label={`${endpoint.enabled ? "Disable" : "Enable"} ${endpoint.url}`} disabled={updateWebhook.isPending} onClick={() => void toggle(endpoint)}>
                  {endpoint.enabled ? "Disable" : "Enable"}
                </Button>
                <Button size="sm" variant="danger" aria-label={`Delete ${endpoint.url}`} onClick={() => setDeleting(endpoint)}>
                  Delete
                </Button>
              </span>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="flex flex-col gap-4">
      <div data-testid="webhooks-table">
        <DataTable
          caption="Webhook endpoints"
          columns={columns}
          rows={data?.items}
          getRowId={(endpoint) => endpoint.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<EmptyState title="No webhook endpoints yet" description="Add an endpoint to post campaign launches, reminders, escalations and closings to your chat, ticketing or SIEM system." />}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {deleting ? <DeleteWebhookDialog key={deleting.id} endpoint={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
