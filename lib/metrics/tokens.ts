// Tokens issued and refused by the token endpoint (lib/oauth/token-endpoint.ts).
// Labels are bounded: a grant type Warden does not support is "other" (the
// request names it, so it could be anything) and a refusal is labelled with
// its OAuth error code, never its description.
import { TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import type { OAuthErrorCode } from "@/lib/oauth/errors";
import { HotCounter } from "@/lib/metrics/hot";
import { defineMetric } from "@/lib/metrics/registry";

const issued = defineMetric(
  "warden_tokens_issued_total",
  (registry) => new HotCounter(registry, { name: "warden_tokens_issued_total", help: "Access tokens issued, by grant type and token type (Bearer or DPoP)", labelNames: ["grant_type", "token_type"] }),
);
const refused = defineMetric(
  "warden_token_refusals_total",
  (registry) =>
    new HotCounter(registry, {
      name: "warden_token_refusals_total",
      help: "Token requests refused, by grant type and OAuth error code (use_dpop_nonce is the DPoP nonce handshake)",
      labelNames: ["grant_type", "error"],
    }),
);

function grantLabel(grantType: string | null | undefined): string {
  if (grantType === "client_credentials" || grantType === TOKEN_EXCHANGE_GRANT) return grantType;
  return grantType ? "other" : "none";
}

export function countTokenIssued(grantType: string, tokenType: unknown): void {
  issued.labels(grantLabel(grantType), tokenType === "DPoP" ? "DPoP" : "Bearer").inc();
}

export function countTokenRefused(grantType: string | null | undefined, error: OAuthErrorCode): void {
  refused.labels(grantLabel(grantType), error).inc();
}
