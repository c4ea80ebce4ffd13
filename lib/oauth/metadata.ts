// RFC 8414 authorization server metadata. Clients discover every endpoint
// from it; nothing else is hard-coded. scopes_supported lists the approved
// tool scopes of active servers (cached for a few seconds).
import { db } from "@/lib/db/client";
import { ACCEPTED_ALGORITHMS, AUTHORIZATION_ENDPOINT, INTROSPECTION_ENDPOINT, ISSUER, JWKS_URI, REVOCATION_ENDPOINT, TOKEN_ENDPOINT, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";

const CACHE_MS = 5000;
/** RFC 7591 token_endpoint_auth_method values a client may be registered for (lib/oauth/client-auth.ts). */
const CLIENT_AUTH_METHODS = ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth", "attest_jwt_client_auth"];
/** draft-ietf-oauth-attestation-based-client-auth §8: what the Client Attestation JWT and its PoP JWT may be signed with (lib/oauth/attestation/). */
const CLIENT_ATTESTATION_METADATA = { client_attestation_signing_alg_values_supported: ACCEPTED_ALGORITHMS, client_attestation_pop_signing_alg_values_supported: ACCEPTED_ALGORITHMS };
const slot = Symbol.for("warden.asMetadata");
type Cached = { at: number; body: string };

export async function authorizationServerMetadata(): Promise<string> {
  const holder = globalThis as { [slot]?: Cached };
  const cached = holder[slot];
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.body;
  const tools = await db().tool.findMany({ where: { status: "approved", removedAt: null, server: { status: "active" } }, select: { scope: true }, orderBy: { scope: "asc" }, take: 10_000 });
  const body = JSON.stringify({
    issuer: ISSUER(),
    // RFC 8414 makes this optional without an authorization-code grant, but the
    // MCP SDK (1.32) rejects metadata that lacks it; the endpoint only refuses.
    authorization_endpoint: AUTHORIZATION_ENDPOINT(),
    token_endpoint: TOKEN_ENDPOINT(),
    introspection_endpoint: INTROSPECTION_ENDPOINT(),
    revocation_endpoint: REVOCATION_ENDPOINT(),
    jwks_uri: JWKS_URI(),
    grant_types_supported: ["client_credentials", TOKEN_EXCHANGE_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    token_endpoint_auth_signing_alg_values_supported: ACCEPTED_ALGORITHMS,
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    introspection_endpoint_auth_signing_alg_values_supported: ACCEPTED_ALGORITHMS,
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: ACCEPTED_ALGORITHMS,
    dpop_signing_alg_values_supported: ACCEPTED_ALGORITHMS,
    ...CLIENT_ATTESTATION_METADATA,
    // RFC 8705 §3.3: tokens bound to the client certificate a trusted TLS-terminating proxy forwards
    tls_client_certificate_bound_access_tokens: true,
    scopes_supported: tools.map((tool) => tool.scope),
  });
  holder[slot] = { at: Date.now(), body };
  return body;
}
