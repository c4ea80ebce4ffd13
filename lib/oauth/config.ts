// The token service's fixed rules and endpoints.
import { publicUrl } from "@/lib/config/env";

export const ISSUER = () => publicUrl();
export const TOKEN_ENDPOINT = () => `${publicUrl()}/oauth/token`;
/** Published because MCP clients refuse metadata without one; it only explains that no interactive flow exists. */
export const AUTHORIZATION_ENDPOINT = () => `${publicUrl()}/oauth/authorize`;
export const INTROSPECTION_ENDPOINT = () => `${publicUrl()}/oauth/introspect`;
export const REVOCATION_ENDPOINT = () => `${publicUrl()}/oauth/revoke`;
export const JWKS_URI = () => `${publicUrl()}/.well-known/jwks.json`;

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

/** Algorithms Warden accepts for client assertions and DPoP proofs: asymmetric only, never none or HMAC. */
export const ACCEPTED_ALGORITHMS = ["ES256", "EdDSA", "Ed25519", "PS256"];

export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** iat/nbf this far in the future are tolerated as clock skew; beyond, the assertion or proof is refused */
export const CLOCK_SKEW_SECONDS = 10;
/** a DPoP proof must be at most this old */
export const DPOP_MAX_AGE_SECONDS = 60;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_MAX_DELEGATION_DEPTH = 4;
