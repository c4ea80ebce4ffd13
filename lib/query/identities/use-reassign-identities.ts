// Reassigns identities in bulk to a new owner (POST /api/v1/identities/reassign; admins).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ZReassignInput } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";

export type ReassignResult = { reassigned: number; identityIds: string[] };

export function useReassignIdentities() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof ZReassignInput>) => apiFetch<ReassignResult>("/api/v1/identities/reassign", { method: "POST", body: input }),
    onSuccess: () => invalidateIdentities(queryClient),
  });
}
