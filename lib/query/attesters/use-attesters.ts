// Trusted attesters (GET /api/v1/attesters).
import { useQuery } from "@tanstack/react-query";
import type { TAttester } from "@/lib/attesters/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { attesterKeys } from "@/lib/query/attesters/keys";

export function useAttesters() {
  return useQuery({ queryKey: attesterKeys.list(), queryFn: ({ signal }) => apiFetch<{ items: TAttester[] }>("/api/v1/attesters", { signal }) });
}
