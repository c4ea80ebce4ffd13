// Toxic-combination policies (GET /api/v1/toxic-policies).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { toxicKeys } from "@/lib/query/toxic/keys";
import type { TToxicPolicy } from "@/lib/toxic/schemas";

export function useToxicPolicies() {
  return useQuery({
    queryKey: toxicKeys.policies(),
    queryFn: ({ signal }) => apiFetch<{ items: TToxicPolicy[] }>("/api/v1/toxic-policies", { signal }),
  });
}
