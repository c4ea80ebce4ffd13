// Warden's settings (GET /api/v1/settings).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { settingsKeys } from "@/lib/query/identities/keys";
import type { Settings } from "@/lib/settings/defaults";

export function useSettings(options: { initialData?: Settings; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => apiFetch<Settings>("/api/v1/settings", { signal }),
    initialData: options.initialData,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}
