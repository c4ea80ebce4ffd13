"use client";
// The delivery log: every campaign email and webhook delivery, newest first,
// with its status, attempts, last error and next attempt; failed ones can be
// sent again (admins). Filters by status, channel, event and campaign.
import { useEffect, useRef, useState } from "react";
import { DeliveryStatusBadge } from "@/components/notifications/delivery-status";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format/date";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/notifications/events";
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, type NotificationChannel, type NotificationStatus, type TNotification } from "@/lib/notifications/schemas";
import { ApiError } from "@/lib/query/api-fetch";
import { useDeliveries } from "@/lib/query/notifications/use-deliveries";
import { useRetryDelivery } from "@/lib/query/notifications/use-retry-delivery";

const PAGE_SIZE = 50;
const CAMPAIGN_ID = /^cmp_[0-9a-z]{26}$/;

export function DeliveryLog({ canRetry, initialCampaignId = "" }: { canRetry: boolean; initialCampaignId?: string }) {
  const [status, setStatus] = useState<NotificationStatus | "">("");
  const [channel, setChannel] = useState<NotificationChannel | "">("");
  const [event, setEvent] = useState<NotificationEvent | "">("");
  const [typedCampaign, setTypedCampaign] = useState(initialCampaignId);
  const [campaignId, setCampaignId] = useState(CAMPAIGN_ID.test(initialCampaignId) ? initialCampaignId : "");
  const pagination = useCursorPagination();
  const debounce = useRef<number | undefined>(undefined);
  const retry = useRetryDelivery();
  const { toast } = useToast();

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  const { data, isPending, isFetching, error } = useDeliveries({ status: status || undefined, channel: channel || undefined, event: event || undefined, campaignId: campaignId || undefined, cursor: pagination.cursor, limit: PAGE_SIZE });
  const filtered = status !== "" || channel !== "" || event !== "" || campaignId !== "";
  const campaignInvalid = typedCampaign.trim() !== "" && !CAMPAIGN_ID.test(typedCampaign.trim());

  function onCampaignChange(value: string) {
    setTypedCampaign(value);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => {
      const trimmed = value.trim();
      // an id still being typed filters nothing yet
      setCampaignId(CAMPAIGN_ID.test(trimmed) ? trimmed : "");
      pagination.reset();
    }, 300);
  }

  // a changed filter starts again at the first page
  const resetting =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      pagination.reset();
    };

  function clearFilters() {
    window.clearTimeout(debounce.current);
    setStatus("");
    setChannel("");
    setEvent("");
    setTypedCampaign("");
    setCampaignId("");
    pagination.reset();
  }

  const retryNow = async (delivery: TNotification) => {
    try {
      await retry.mutateAsync(delivery.id);
      toast({ title: "Queued again", description: `To ${delivery.recipient}`, tone: "success" });
    } catch (thrown) {
      toast({ title: "Not queued", description: thrown instanceof ApiError ? thrown.message : "The retry failed", tone: "error" });
    }
  };

  const columns: Column<TNotification>[] = [
    { key: "time", header: "Time", cell: (row) => <time dateTime={row.createdAt} className="whitespace-nowrap">{formatDateTime(row.createdAt)}</time> },
    { key: "channel", header: "Channel", cell: (row) => (row.channel === "email" ? "Email" : "Webhook") },
    { key: "event", header: "Event", cell: (row) => <span className="font-mono text-xs">{row.event}</span> },
    {
      key: "recipient",
      header: "Recipient",
      cell: (row) => (
        <span className="flex flex-col">
          <span className="break-all">{row.recipient}</span>
          {row.subject ? <span className="text-xs text-slate-500">{row.subject}</span> : null}
        </span>
      ),
    },
    { key: "status", header: "Status", cell: (row) => <DeliveryStatusBadge status={row.status} /> },
    { key: "attempts", header: "Attempts", cell: (row) => <span className="whitespace-nowrap">{`${row.attempts} of ${row.maxAttempts}`}</span> },
    {
      key: "lastError",
      header: "Last error",
      cell: (row) =>
        row.lastError ? (
          <span className="break-words text-xs text-red-700">
            {row.lastError}
            {row.lastStatus ? <span className="text-slate-500">{` (last answer ${row.lastStatus})`}</span> : null}
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    { key: "next", header: "Next attempt", cell: (row) => <span className="whitespace-nowrap">{formatDateTime(row.nextAttemptAt)}</span> },
    ...(canRetry
      ? [
          {
            key: "actions",
            header: "Actions",
            className: "text-right",
            cell: (row: TNotification) =>
              row.status === "failed" ? (
                <Button size="sm" variant="secondary" aria-label={`Retry the delivery to ${row.recipient}`} disabled={retry.isPending} onClick={() => void retryNow(row)}>
                  Retry
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <FilterSelect
          id="deliveries-status"
          label="Status"
          allLabel="All statuses"
          value={status}
          onChange={resetting(setStatus)}
          options={NOTIFICATION_STATUSES.map((value) => ({ value, label: value }))}
        />
        <FilterSelect
          id="deliveries-channel"
          label="Channel"
          allLabel="All channels"
          value={channel}
          onChange={resetting(setChannel)}
          options={NOTIFICATION_CHANNELS.map((value) => ({ value, label: value }))}
        />
        <FilterSelect
          id="deliveries-event"
          label="Event"
          allLabel="All events"
          className="w-52"
          value={event}
          onChange={resetting(setEvent)}
          options={NOTIFICATION_EVENTS.map((value) => ({ value, label: value }))}
        />
        <Field label="Campaign ID" htmlFor="deliveries-campaign" className="w-72" error={campaignInvalid ? "A campaign id looks like cmp_…" : undefined}>
          <Input
            id="deliveries-campaign"
            type="search"
            placeholder="cmp_…"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            invalid={campaignInvalid}
            value={typedCampaign}
            onChange={(e) => onCampaignChange(e.target.value)}
          />
        </Field>
        {filtered || typedCampaign ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div data-testid="deliveries-table">
        <DataTable
          caption="Notification deliveries, newest first"
          columns={columns}
          rows={data?.items}
          getRowId={(row) => row.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            filtered ? (
              <EmptyState title="No deliveries match" description="Try another status, channel, event or campaign, or clear the filters." />
            ) : (
              <EmptyState title="No notifications sent yet" description="Campaign launches, reminders, escalations and closings appear here as emails (when SMTP is configured) and webhook deliveries." />
            )
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
    </div>
  );
}
