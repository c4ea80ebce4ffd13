// Names for the ids a campaign's filters hold (servers, owners), one cached
// GET per id; an id that cannot be read (gone, or not visible) keeps its id.
import { useQueries } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";

const PATHS = { server: "/api/v1/servers", user: "/api/v1/users" } as const;

export function useNames(kind: keyof typeof PATHS, ids: readonly string[]): (id: string) => string {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: [...campaignKeys.all, "names", kind, id],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<{ name: string }>(`${PATHS[kind]}/${encodeURIComponent(id)}`, { signal }),
      staleTime: 300_000,
      retry: false,
    })),
  });
  const names = new Map(ids.map((id, index) => [id, results[index]?.data?.name]));
  return (id) => names.get(id) ?? id;
}
