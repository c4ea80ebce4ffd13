// The four kinds of non-human identity and how each is named in ids, URLs and the UI.
import type { IdKind } from "@/lib/ids";

export const IDENTITY_KINDS = ["server", "agent", "resource", "gateway"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const KIND_INFO: Record<IdentityKind, { idKind: IdKind; prefix: string; plural: string; label: string; labelPlural: string }> = {
  server: { idKind: "server", prefix: "srv", plural: "servers", label: "MCP server", labelPlural: "MCP servers" },
  agent: { idKind: "agent", prefix: "agt", plural: "agents", label: "Agent", labelPlural: "Agents" },
  resource: { idKind: "resource", prefix: "res", plural: "resources", label: "Resource", labelPlural: "Downstream resources" },
  gateway: { idKind: "gateway", prefix: "gwy", plural: "gateways", label: "Gateway", labelPlural: "Gateways" },
};

export const IDENTITY_ID_PATTERN = /^(srv|agt|res|gwy)_[0-9a-z]{26}$/;

export function kindOfId(id: string): IdentityKind | null {
  const prefix = id.slice(0, 3);
  return IDENTITY_KINDS.find((kind) => KIND_INFO[kind].prefix === prefix) ?? null;
}

export const IDENTITY_STATUSES = ["pending", "active", "suspended", "revoked"] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];
export const ENVIRONMENTS = ["production", "staging", "development"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];
export const RISK_TIERS = ["low", "medium", "high"] as const;
export const SERVER_TRANSPORTS = ["streamable-http", "sse", "stdio-behind-gateway"] as const;
export type ServerTransportName = (typeof SERVER_TRANSPORTS)[number];

// The database stores enum members with underscores; the API speaks MCP's names.
export const toDbTransport = (value: ServerTransportName) => value.replaceAll("-", "_") as "streamable_http" | "sse" | "stdio_behind_gateway";
export const fromDbTransport = (value: string): ServerTransportName => value.replaceAll("_", "-") as ServerTransportName;
