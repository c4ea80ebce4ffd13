// react-query keys for MCP servers.
export type ServerListParams = { q?: string; ownerId?: string; cursor?: string; limit?: number };

export const serverKeys = {
  all: ["servers"] as const,
  lists: () => [...serverKeys.all, "list"] as const,
  list: (params: ServerListParams) => [...serverKeys.lists(), params] as const,
  detail: (id: string) => [...serverKeys.all, "detail", id] as const,
};
