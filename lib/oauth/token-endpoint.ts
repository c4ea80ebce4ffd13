// POST /oauth/token, as a list of steps (after node-oidc-provider's
// actions/token.js): rate limit per IP → parse the form → refuse repeated
// parameters → check the grant type → authenticate the client → rate limit
// per client → run the grant → commit the single-use values and the audit
// event (group commit) → answer. Every refusal is answered as RFC 6749 error
// JSON with no-store, and audited — a rate limit's only once per window
// (lib/oauth/rate-limit.ts), so a flood of refusals writes no flood of events.
import type { AuditInput } from "@/lib/audit/append";
import { logger } from "@/lib/log";
import { countTokenIssued, countTokenRefused } from "@/lib/metrics/tokens";
import { authenticateClient, type AuthenticatedClient } from "@/lib/oauth/client-auth";
import { commitWrites } from "@/lib/oauth/commit-batch";
import { TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { currentDpopNonce } from "@/lib/oauth/dpop";
import { errorResponse, jsonResponse, OAuthError, type OAuthResponse } from "@/lib/oauth/errors";
import { clientCredentials } from "@/lib/oauth/grants/client-credentials";
import { tokenExchange } from "@/lib/oauth/grants/token-exchange";
import { OAuthRateLimited, enforceOAuthRateLimit } from "@/lib/oauth/rate-limit";
import { parseForm, type Form, type OAuthRequest } from "@/lib/oauth/request";

const GRANTS = { client_credentials: clientCredentials, [TOKEN_EXCHANGE_GRANT]: tokenExchange } as const;
type GrantType = keyof typeof GRANTS;

/** Descriptions echo values from the request's JWTs (kid, alg), and PostgreSQL jsonb holds neither U+0000 nor unpaired surrogates. */
const auditText = (value: string) => value.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

function refusalEvent(request: OAuthRequest, error: OAuthError, form: Form | null, client: AuthenticatedClient | null): AuditInput {
  const exchange = form?.get("grant_type") === TOKEN_EXCHANGE_GRANT;
  const clientId = client?.clientId ?? (form?.get("client_id") || null);
  return {
    action: exchange ? "token.exchange_refused" : "token.refused",
    actor: client ? { type: "identity", id: client.id, label: client.name } : { type: "anonymous", id: null, label: clientId?.slice(0, 100) ?? null },
    outcome: "denied",
    details: {
      error: error.code,
      description: auditText(error.description),
      grantType: form?.get("grant_type")?.slice(0, 100) ?? null,
      clientId: clientId?.slice(0, 100) ?? null,
      agentId: client?.kind === "agent" ? client.id : null,
      serverId: client?.kind === "server" ? client.id : null,
      resource: form?.get("resource")?.slice(0, 500) ?? null,
      scope: form?.get("scope")?.slice(0, 1000) ?? null,
      ...(error instanceof OAuthRateLimited ? { rateLimit: { per: error.refusal.per, limit: error.refusal.limit, windowSeconds: error.refusal.windowSeconds } } : {}),
    },
    context: { requestId: request.requestId ?? "", ip: request.clientIp, userAgent: request.userAgent },
  };
}

/** Which single-use value a request reused decides who is refused: the client, or its DPoP proof. */
function replayError(keys: string[]): OAuthError {
  return keys.some((key) => key.startsWith("assertion:") || key.startsWith("attestation-pop:"))
    ? new OAuthError("invalid_client", keys.some((key) => key.startsWith("assertion:")) ? "The client assertion was already used (its jti is single-use)" : "The client attestation PoP was already used (its jti is single-use)")
    : new OAuthError("invalid_dpop_proof", "The DPoP proof was already used (its jti is single-use)");
}

export async function handleTokenRequest(request: OAuthRequest): Promise<OAuthResponse> {
  let form: Form | null = null;
  let client: AuthenticatedClient | null = null;
  const context = { requestId: request.requestId ?? "", ip: request.clientIp, userAgent: request.userAgent };
  try {
    if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST");
    await enforceOAuthRateLimit("token", "ip", request.clientIp);
    form = parseForm(request);
    if (form.repeated.length) throw new OAuthError("invalid_request", `Parameters must not repeat: ${form.repeated.join(", ")}`);
    const grantType = form.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required");
    if (!(grantType in GRANTS)) throw new OAuthError("unsupported_grant_type", `Warden supports client_credentials and ${TOKEN_EXCHANGE_GRANT}`);
    client = await authenticateClient(request, form);
    await enforceOAuthRateLimit("token", "client", client.clientId);
    const outcome = await GRANTS[grantType as GrantType](request, form, client);
    const { replayedKeys } = await commitWrites({
      singleUse: [...client.singleUse, ...outcome.singleUse],
      events: outcome.events.map((event) => ({ ...event, context })),
      eventsIfReplayed: (keys) => [refusalEvent(request, replayError(keys), form, client)],
    });
    if (replayedKeys.length > 0) throw replayError(replayedKeys);
    countTokenIssued(grantType, outcome.body.token_type);
    return jsonResponse(200, outcome.body, request.header("dpop") ? { "dpop-nonce": currentDpopNonce() } : {});
  } catch (thrown) {
    const error = thrown instanceof OAuthError ? thrown : null;
    if (!error) logger().error({ err: thrown, requestId: request.requestId }, "token request failed");
    const shown = error ?? new OAuthError("server_error", "An unexpected error occurred");
    countTokenRefused(form?.get("grant_type"), shown.code);
    // replays were audited in the batch that caught them; a rate limit's refusals once per window
    const audited = shown instanceof OAuthRateLimited ? shown.refusal.firstRefusal : !/already used/.test(shown.description);
    if (audited) {
      await commitWrites({ singleUse: [], events: [refusalEvent(request, shown, form, client)] }).catch((auditError: unknown) => logger().error({ err: auditError }, "could not audit a token refusal"));
    }
    return errorResponse(shown, shown.code === "use_dpop_nonce" || request.header("dpop") ? { "dpop-nonce": currentDpopNonce() } : {});
  }
}
