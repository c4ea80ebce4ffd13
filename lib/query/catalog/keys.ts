// react-query keys for MCP servers' tool catalogs: tools, proposals, versions and Protected Resource Metadata.
export type ProposalStatus = "open" | "applied" | "discarded";

export const catalogKeys = {
  all: ["catalog"] as const,
  server: (serverId: string) => [...catalogKeys.all, serverId] as const,
  tools: (serverId: string) => [...catalogKeys.server(serverId), "tools"] as const,
  proposals: (serverId: string) => [...catalogKeys.server(serverId), "proposals"] as const,
  proposalList: (serverId: string, status: ProposalStatus | "any") => [...catalogKeys.proposals(serverId), "list", status] as const,
  proposal: (serverId: string, proposalId: string) => [...catalogKeys.proposals(serverId), "one", proposalId] as const,
  versions: (serverId: string) => [...catalogKeys.server(serverId), "versions"] as const,
  metadata: (serverId: string) => [...catalogKeys.server(serverId), "protected-resource-metadata"] as const,
};
