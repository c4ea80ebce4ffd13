// Display labels for identity statuses, environments, risk tiers and transports, and per-kind wording.
import { KIND_INFO, type EnvironmentName, type IdentityKind, type IdentityStatus, type ServerTransportName } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";

export const STATUS_LABELS: Record<IdentityStatus, string> = { pending: "Pending", active: "Active", suspended: "Suspended", revoked: "Revoked" };
// pending amber, active green, suspended orange, revoked red (the Badge palette, plus orange)
export const STATUS_CLASSES: Record<IdentityStatus, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-600/25",
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  suspended: "bg-orange-50 text-orange-800 ring-orange-600/30",
  revoked: "bg-red-50 text-red-700 ring-red-600/20",
};
export const ENVIRONMENT_LABELS: Record<EnvironmentName, string> = { production: "Production", staging: "Staging", development: "Development" };
export const RISK_LABELS: Record<TIdentity["riskTier"], string> = { low: "Low", medium: "Medium", high: "High" };
export const TRANSPORT_LABELS: Record<ServerTransportName, string> = {
  "streamable-http": "Streamable HTTP",
  sse: "SSE",
  "stdio-behind-gateway": "stdio behind a gateway",
};

/** The kind as one capitalised word, e.g. for "Server registered" and "Register server". */
export const KIND_WORD: Record<IdentityKind, string> = { server: "Server", agent: "Agent", resource: "Resource", gateway: "Gateway" };

export const kindLabel = (kind: IdentityKind) => KIND_INFO[kind].label;
export const detailHref = (identity: { kind: IdentityKind; id: string }) => `/${KIND_INFO[identity.kind].plural}/${identity.id}`;

export const KIND_DESCRIPTIONS: Record<IdentityKind, string> = {
  server: "MCP servers: each has a resource URI (RFC 8707), an accountable owner and its own keys.",
  agent: "Calling AI agents: OAuth clients with their own keys, owners and token lifetimes.",
  resource: "Downstream resources MCP servers call on behalf of users, identified by their token audience.",
  gateway: "MCP gateways in front of servers: which servers each one fronts, and who owns it.",
};

/** The kind as a noun inside a sentence: "MCP server", "agent", "resource", "gateway". */
export const kindNoun = (kind: IdentityKind) => (kind === "server" ? "MCP server" : KIND_INFO[kind].label.toLowerCase());

export const TOKEN_BINDING_LABELS: Record<NonNullable<TIdentity["tokenBinding"]>, string> = {
  dpop: "DPoP (proof-of-possession key)",
  mtls: "mTLS (client certificate)",
  dpop_or_mtls: "DPoP or mTLS",
  bearer: "None (Bearer: flagged as a risk)",
};

export const AUTH_METHOD_LABELS: Record<TIdentity["authMethod"], string> = {
  private_key_jwt: "Signed assertion (private_key_jwt)",
  tls_client_auth: "CA-issued client certificate (tls_client_auth)",
  self_signed_tls_client_auth: "Registered self-signed certificate (self_signed_tls_client_auth)",
  attest_jwt_client_auth: "Client attestation (attest_jwt_client_auth)",
};

export const TLS_FIELD_LABELS: Record<NonNullable<TIdentity["tlsClientAuth"]>["field"], string> = {
  subject_dn: "Subject DN",
  san_dns: "DNS name (SAN)",
  san_uri: "URI (SAN)",
  san_ip: "IP address (SAN)",
  san_email: "Email (SAN)",
};
