// react-query keys for capability tags; a server's tool tags live under its catalog key, so a catalog change
// (new proposals) refreshes them too.
import { catalogKeys } from "@/lib/query/catalog/keys";

export const capabilityKeys = {
  tags: ["capability-tags"] as const,
  tagList: () => [...capabilityKeys.tags, "list"] as const,
  tools: (serverId: string) => [...catalogKeys.server(serverId), "capabilities"] as const,
};
