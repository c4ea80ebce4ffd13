// react-query keys for access requests.
import type { AccessRequestStatus, AccessRequestView } from "@/lib/access-requests/schemas";

export type AccessRequestListParams = { view: AccessRequestView; status?: AccessRequestStatus | "all"; agentId?: string; cursor?: string; limit?: number };

export const accessRequestKeys = {
  all: ["access-requests"] as const,
  list: (params: AccessRequestListParams) => [...accessRequestKeys.all, "list", params] as const,
};
