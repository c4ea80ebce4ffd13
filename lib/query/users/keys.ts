// react-query keys for users.
import type { Role } from "@/lib/auth/permissions";

export type UserListParams = { q?: string; role?: Role; status?: "active" | "deactivated"; cursor?: string; limit?: number };

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  detail: (id: string) => [...userKeys.all, "detail", id] as const,
};
