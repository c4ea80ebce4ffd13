// One page of the delivery log, newest first (GET /api/v1/notifications).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TNotification } from "@/lib/notifications/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { notificationKeys, type DeliveryListParams } from "@/lib/query/notifications/keys";

export type DeliveryPage = { items: TNotification[]; nextCursor: string | null; total?: number };

export function useDeliveries(params: DeliveryListParams) {
  return useQuery({
    queryKey: notificationKeys.deliveries(params),
    queryFn: ({ signal }) => apiFetch<DeliveryPage>(`/api/v1/notifications${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
