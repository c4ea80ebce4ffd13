// What introspection (RFC 7662) and revocation (RFC 7009) share: a POST form
// with exactly one `token`, from an authenticated client (lib/oauth/client-auth.ts)
// whose assertion or attestation PoP is spent (single-use) before anything is answered, and
// errors mapped to RFC 6749 bodies, and the rate limits (per IP address, then
// per authenticated client: lib/oauth/rate-limit.ts).
import { logger } from "@/lib/log";
import { authenticateClient, type AuthenticatedClient } from "@/lib/oauth/client-auth";
import { commitWrites } from "@/lib/oauth/commit-batch";
import { errorResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import { enforceOAuthRateLimit } from "@/lib/oauth/rate-limit";
import { parseForm, type OAuthRequest } from "@/lib/oauth/request";

export type TokenManagementInput = { token: string; client: AuthenticatedClient };

export async function handleTokenManagement(request: OAuthRequest, name: "introspection" | "revocation", handle: (input: TokenManagementInput) => Promise<OAuthResponse>): Promise<OAuthResponse> {
  try {
    if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST");
    await enforceOAuthRateLimit(name, "ip", request.clientIp);
    const form = parseForm(request);
    if (form.repeated.length) throw new OAuthError("invalid_request", `Parameters must not repeat: ${form.repeated.join(", ")}`);
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required");
    const client = await authenticateClient(request, form);
    await enforceOAuthRateLimit(name, "client", client.clientId);
    const { replayedKeys } = client.singleUse.length > 0 ? await commitWrites({ singleUse: client.singleUse, events: [] }) : { replayedKeys: [] };
    if (replayedKeys.length) throw new OAuthError("invalid_client", replayedKeys[0]!.startsWith("assertion:") ? "The client assertion was already used (its jti is single-use)" : "The client attestation PoP was already used (its jti is single-use)");
    return await handle({ token, client });
  } catch (thrown) {
    if (thrown instanceof OAuthError) return errorResponse(thrown);
    logger().error({ err: thrown, requestId: request.requestId }, `${name} failed`);
    return errorResponse(new OAuthError("server_error", "An unexpected error occurred"));
  }
}
