// POST /oauth/revoke (RFC 7009): a client revokes a token issued to it. As the
// RFC asks, an invalid or unknown token is answered 200 as well; a token of
// another client is refused.
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { jsonResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import type { OAuthRequest } from "@/lib/oauth/request";
import { recordTokenRevocation } from "@/lib/oauth/revoke-token";
import { handleTokenManagement } from "@/lib/oauth/token-management-request";

export function handleRevocation(request: OAuthRequest): Promise<OAuthResponse> {
  return handleTokenManagement(request, "revocation", async ({ token, client }) => {
    const claims = await verifyAccessToken(token);
    if (!claims) return jsonResponse(200, {});
    if (claims.client_id !== client.clientId) throw new OAuthError("unauthorized_client", "This token was not issued to this client");
    await recordTokenRevocation({
      claims,
      by: { type: "identity", id: client.id, label: client.name },
      reason: "revoked by its client",
      context: { requestId: request.requestId ?? "", ip: request.clientIp, userAgent: request.userAgent },
    });
    return jsonResponse(200, {});
  });
}
