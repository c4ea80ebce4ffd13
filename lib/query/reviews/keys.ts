// react-query keys for review items and campaigns.
export type ReviewListParams = { status?: "open" | "decided" | "all"; campaignId?: string; cursor?: string; limit?: number };

export const reviewKeys = {
  all: ["reviews"] as const,
  mine: (params: ReviewListParams) => [...reviewKeys.all, "mine", params] as const,
};
