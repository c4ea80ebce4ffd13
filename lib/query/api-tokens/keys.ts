// react-query keys for API tokens.
export type ApiTokenListParams = { all?: boolean; cursor?: string; limit?: number };

export const apiTokenKeys = {
  all: ["api-tokens"] as const,
  lists: () => [...apiTokenKeys.all, "list"] as const,
  list: (params: ApiTokenListParams) => [...apiTokenKeys.lists(), params] as const,
};
