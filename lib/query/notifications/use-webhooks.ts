// One page of webhook endpoints (GET /api/v1/webhooks).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { notificationKeys, type WebhookListParams } from "@/lib/query/notifications/keys";

export type WebhookPage = { items: TWebhookEndpoint[]; nextCursor: string | null; total?: number };

export function useWebhooks(params: WebhookListParams) {
  return useQuery({
    queryKey: notificationKeys.webhooks(params),
    queryFn: ({ signal }) => apiFetch<WebhookPage>(`/api/v1/webhooks${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
