// The review items assigned to me (GET /api/v1/me/reviews).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TReviewItem } from "@/lib/campaigns/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { reviewKeys, type ReviewListParams } from "@/lib/query/reviews/keys";

export function useMyReviews(params: ReviewListParams) {
  return useQuery({
    queryKey: reviewKeys.mine(params),
    queryFn: ({ signal }) => apiFetch<{ items: TReviewItem[]; nextCursor: string | null }>(`/api/v1/me/reviews${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
