// POST /oauth/introspect (RFC 7662). Servers, resources and gateways
// (private_key_jwt) may introspect tokens issued to their own audience — a
// gateway those of the servers it fronts. Anything else, and any token that is
// invalid, expired, revoked or no longer backed by its grants or policy,
// is `{ "active": false }`.
import { db } from "@/lib/db/client";
import { verifyAccessToken } from "@/lib/oauth/access-token";
import type { AuthenticatedClient } from "@/lib/oauth/client-auth";
import { jsonResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import type { OAuthRequest } from "@/lib/oauth/request";
import { handleTokenManagement } from "@/lib/oauth/token-management-request";
import { tokenLiveness } from "@/lib/oauth/token-liveness";

async function mayIntrospect(client: AuthenticatedClient, audience: string): Promise<boolean> {
  if (client.kind === "server" || client.kind === "resource") return client.resourceUri === audience;
  if (client.kind !== "gateway") return false;
  const server = await db().identity.findUnique({ where: { resourceUri: audience }, select: { id: true, kind: true } });
  if (!server || server.kind !== "server") return false;
  if (client.frontsAllServers) return true;
  return (await db().gatewayServer.count({ where: { gatewayId: client.id, serverId: server.id } })) > 0;
}

export function handleIntrospection(request: OAuthRequest): Promise<OAuthResponse> {
  return handleTokenManagement(request, "introspection", async ({ token, client }) => {
    if (client.kind === "agent") throw new OAuthError("unauthorized_client", "Agents cannot introspect tokens");
    const claims = await verifyAccessToken(token);
    if (!claims || !(await mayIntrospect(client, claims.aud))) return jsonResponse(200, { active: false });
    const liveness = await tokenLiveness(claims);
    if (!liveness.live) return jsonResponse(200, { active: false });
    return jsonResponse(200, {
      active: true,
      iss: claims.iss,
      sub: claims.sub,
      aud: claims.aud,
      client_id: claims.client_id,
      scope: claims.scope,
      iat: claims.iat,
      exp: claims.exp,
      jti: claims.jti,
      token_type: claims.cnf?.jkt ? "DPoP" : "Bearer",
      ...(claims.cnf ? { cnf: claims.cnf } : {}),
      // how the client authenticated, so a resource server can require a hardware-bound key (RFC 8176 amr hwk)
      ...(claims.amr ? { amr: claims.amr } : {}),
      ...(claims.wdn_auth ? { wdn_auth: claims.wdn_auth } : {}),
      ...(claims.act ? { act: claims.act } : {}),
    });
  });
}
