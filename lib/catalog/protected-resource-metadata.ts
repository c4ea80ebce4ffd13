// The RFC 9728 Protected Resource Metadata an MCP server should serve at its
// /.well-known/oauth-protected-resource, produced from the registry: its
// resource URI, Warden as authorization server, and its approved tool scopes.
import "server-only";
import crypto from "node:crypto";
import { publicUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { effectiveGrantToolWhere } from "@/lib/grants/effective-access";

export const DPOP_ALGORITHMS = ["ES256", "EdDSA", "PS256"];

export type ProtectedResourceMetadata = {
  resource: string;
  authorization_servers: string[];
  scopes_supported: string[];
  bearer_methods_supported: string[];
  dpop_signing_alg_values_supported: string[];
  dpop_bound_access_tokens_required: boolean;
  tls_client_certificate_bound_access_tokens: boolean;
  resource_name: string;
};

/** The document for an active server, or null when there is none to publish. */
export async function protectedResourceMetadata(serverId: string): Promise<{ document: ProtectedResourceMetadata; body: string; etag: string } | null> {
  const server = await db().identity.findUnique({
    where: { id: serverId },
    select: { kind: true, status: true, name: true, resourceUri: true, tools: { where: { status: "approved", removedAt: null }, select: { scope: true }, orderBy: { scope: "asc" } } },
  });
  if (!server || server.kind !== "server" || server.status !== "active" || !server.resourceUri) return null;
  // DPoP is required unless an agent whose tokens may be otherwise bound
  // (mTLS) or unbound (Bearer) has effective access here (an unexpired,
  // unrevoked grant of an approved tool); certificate-bound tokens are
  // announced when such an agent may use them.
  const base = effectiveGrantToolWhere(new Date());
  const accessWith = (bindings: ("bearer" | "mtls" | "dpop_or_mtls")[]) =>
    db().grantTool.count({ where: { ...base, grant: { ...base.grant, serverId, agent: { status: "active", tokenBinding: { in: bindings } } } } });
  const [nonDpopAccess, certificateAccess] = await Promise.all([accessWith(["bearer", "mtls", "dpop_or_mtls"]), accessWith(["mtls", "dpop_or_mtls"])]);
  const document: ProtectedResourceMetadata = {
    resource: server.resourceUri,
    authorization_servers: [publicUrl()],
    scopes_supported: server.tools.map((tool) => tool.scope),
    bearer_methods_supported: ["header"],
    dpop_signing_alg_values_supported: DPOP_ALGORITHMS,
    dpop_bound_access_tokens_required: nonDpopAccess === 0,
    tls_client_certificate_bound_access_tokens: certificateAccess > 0,
    resource_name: server.name,
  };
  const body = JSON.stringify(document, null, 2);
  return { document, body, etag: `"${crypto.createHash("sha256").update(body).digest("base64url")}"` };
}
