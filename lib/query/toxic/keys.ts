// react-query keys for toxic-combination policies, findings and agents' capability summaries.
export type FindingStatus = "open" | "accepted" | "resolved" | "unresolved" | "all";
export type FindingListParams = { status?: FindingStatus; agentId?: string; policyId?: string; cursor?: string; limit?: number };

export const toxicKeys = {
  all: ["toxic"] as const,
  policies: () => [...toxicKeys.all, "policies"] as const,
  findings: (params: FindingListParams) => [...toxicKeys.all, "findings", params] as const,
  capabilities: (agentId: string) => [...toxicKeys.all, "capabilities", agentId] as const,
};
