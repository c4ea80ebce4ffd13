// OAuth errors: RFC 6749 §5.2 bodies ({ error, error_description }) with
// Cache-Control: no-store, and the status each error code answers with.
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  // draft-ietf-oauth-attestation-based-client-auth §7.4 (lib/oauth/attestation/)
  | "invalid_client_attestation"
  | "use_fresh_attestation"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "invalid_target"
  | "invalid_dpop_proof"
  | "use_dpop_nonce"
  | "unsupported_token_type"
  | "slow_down"
  | "server_error";

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  // the draft allows 401 for a failed client attestation (it is a failed client authentication) and asks 400 for a stale one
  invalid_client_attestation: 401,
  use_fresh_attestation: 400,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  invalid_dpop_proof: 400,
  use_dpop_nonce: 400,
  unsupported_token_type: 400,
  // a rate limit (lib/oauth/rate-limit.ts): RFC 8628's "asking too often", with RFC 6585's status
  slow_down: 429,
  server_error: 500,
};

export class OAuthError extends Error {
  override name = "OAuthError";
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

export type OAuthResponse = { status: number; headers: Record<string, string>; body: string };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): OAuthResponse {
  return { status, headers: { "content-type": "application/json", ...NO_STORE, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(error: OAuthError, extraHeaders: Record<string, string> = {}): OAuthResponse {
  // no WWW-Authenticate by default: Warden's clients authenticate in the body (private_key_jwt), and
  // RFC 6749 §5.2 asks for the challenge only when the Authorization header was tried (client-auth.ts)
  const headers: Record<string, string> = { ...extraHeaders, ...error.headers };
  return jsonResponse(error.status, { error: error.code, error_description: error.description }, headers);
}
