// Transfers an identity to a new owner (POST /api/v1/identities/{id}/transfer).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TIdentity, ZTransferInput } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";
import { identityActionPath } from "@/lib/query/identities/paths";

export function useTransferIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: z.input<typeof ZTransferInput> }) => apiFetch<TIdentity>(identityActionPath(id, "transfer"), { method: "POST", body: input }),
    onSuccess: (identity) => invalidateIdentities(queryClient, identity),
  });
}
