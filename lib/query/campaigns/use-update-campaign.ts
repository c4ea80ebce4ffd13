// Changes a draft campaign (PATCH /api/v1/campaigns/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TCampaign, ZUpdateCampaignInput } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateCampaigns } from "@/lib/query/campaigns/invalidate";

export function useUpdateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: z.input<typeof ZUpdateCampaignInput> }) => apiFetch<TCampaign>(`/api/v1/campaigns/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => invalidateCampaigns(queryClient),
  });
}
