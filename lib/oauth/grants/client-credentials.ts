// client_credentials for agents: a token for one MCP server (resource), limited
// to tool scopes the agent holds through active, unexpired grants of approved
// tools, bound to the agent's DPoP key or client certificate as its token
// binding says (Bearer only for agents registered so, flagged on the posture
// dashboard), and recording how the agent authenticated (amr, wdn_auth).
import type { AuditInput } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { authenticationClaims, mintAccessToken } from "@/lib/oauth/access-token";
import type { AuthenticatedClient } from "@/lib/oauth/client-auth";
import { DEFAULT_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS } from "@/lib/oauth/config";
import { agentTokenConstraint } from "@/lib/oauth/grants/sender-constraint";
import { OAuthError } from "@/lib/oauth/errors";
import { activeIdentityAt, singleResource } from "@/lib/oauth/grants/resource";
import type { GrantOutcome } from "@/lib/oauth/grants/outcome";
import { grantedTools } from "@/lib/oauth/lookups";
import { allValues, type Form, type OAuthRequest } from "@/lib/oauth/request";

/** Why a requested scope cannot be had, for the error message. */
async function whyNot(scope: string, agentId: string, serverId: string, now: Date): Promise<string> {
  const tool = await db().tool.findUnique({ where: { scope }, select: { serverId: true, status: true, removedAt: true, name: true } });
  if (!tool || tool.serverId !== serverId) return `${scope} is not a tool scope of this server`;
  if (tool.removedAt) return `${scope}: the server no longer offers ${tool.name}`;
  if (tool.status !== "approved") return `${scope}: ${tool.name} is ${tool.status} (denied until approved)`;
  const held = await db().grantTool.findFirst({ where: { scope, revokedAt: null, grant: { agentId, serverId, revokedAt: null } }, select: { grant: { select: { expiresAt: true } } } });
  if (held?.grant.expiresAt && held.grant.expiresAt <= now) return `${scope}: the grant expired`;
  return `${scope} is not granted to this agent`;
}

export async function clientCredentials(request: OAuthRequest, form: Form, client: AuthenticatedClient): Promise<GrantOutcome> {
  if (client.kind !== "agent") throw new OAuthError("unauthorized_client", "Only agents use client_credentials; MCP servers exchange tokens instead");
  const now = new Date();
  const constraint = await agentTokenConstraint(request, client);

  const resource = singleResource(allValues(request, "resource"));
  const server = await activeIdentityAt(resource, ["server"]);
  const granted = await grantedTools(client.id, server.id);
  const held = new Map(granted.filter((row) => !row.expiresAt || row.expiresAt > now).map((row) => [row.scope, row]));
  const requested = form.get("scope");
  let scopes: string[];
  if (requested === undefined || requested.trim() === "") {
    scopes = [...held.keys()].sort();
    if (scopes.length === 0) throw new OAuthError("invalid_scope", "The agent holds no granted tool scopes on this server");
  } else {
    scopes = [...new Set(requested.split(" ").filter(Boolean))];
    for (const scope of scopes) if (!held.has(scope)) throw new OAuthError("invalid_scope", await whyNot(scope, client.id, server.id, now));
  }
  const lifetime = Math.min(client.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const iat = Math.floor(now.getTime() / 1000);
  const minted = await mintAccessToken({ sub: client.id, aud: resource, client_id: client.clientId, scope: scopes.join(" "), iat, exp: iat + lifetime, ...authenticationClaims(client), ...(constraint.cnf ? { cnf: constraint.cnf } : {}) });
  const { tokenType, proof } = constraint;
  const event: AuditInput = {
    action: "token.issued",
    actor: { type: "identity", id: client.id, label: client.name },
    target: { type: "server", id: server.id },
    details: {
      grantType: "client_credentials",
      agentId: client.id,
      clientId: client.clientId,
      serverId: server.id,
      resource,
      scopes,
      tiers: Object.fromEntries(scopes.map((scope) => [scope, held.get(scope)?.tier ?? null])),
      jti: minted.jti,
      tokenType,
      dpopJkt: proof?.jkt ?? null,
      binding: constraint.binding,
      certificateThumbprint: constraint.binding === "mtls" ? client.certificate!.thumbprint : null,
      authMethod: client.method,
      keyProtection: client.keyProtection,
      expiresAt: new Date(minted.claims.exp * 1000).toISOString(),
    },
  };
  return {
    body: { access_token: minted.token, token_type: tokenType, expires_in: lifetime, scope: scopes.join(" "), issued_token_type: "urn:ietf:params:oauth:token-type:access_token" },
    singleUse: proof ? [proof.singleUse] : [],
    events: [event],
  };
}
