// The running server's OAuth surface (served on its lean HTTP path): metadata,
// JWKS with conditional GETs, and RFC 6749 error bodies.
import { expect, test } from "../support/fixtures";
import { BASE_URL } from "../support/state";

test("publishes RFC 8414 metadata and a JWK Set with a next key before it signs", async ({ request }) => {
  const metadata = await request.get("/.well-known/oauth-authorization-server");
  expect(metadata.status()).toBe(200);
  const document = (await metadata.json()) as Record<string, unknown>;
  expect(document).toMatchObject({
    issuer: BASE_URL,
    authorization_endpoint: `${BASE_URL}/oauth/authorize`,
    token_endpoint: `${BASE_URL}/oauth/token`,
    introspection_endpoint: `${BASE_URL}/oauth/introspect`,
    revocation_endpoint: `${BASE_URL}/oauth/revoke`,
    jwks_uri: `${BASE_URL}/.well-known/jwks.json`,
    grant_types_supported: ["client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"],
    token_endpoint_auth_methods_supported: ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth", "attest_jwt_client_auth"],
    tls_client_certificate_bound_access_tokens: true,
  });
  expect(document.dpop_signing_alg_values_supported).toContain("ES256");

  const jwks = await request.get("/.well-known/jwks.json");
  expect(jwks.headers()["content-type"]).toBe("application/jwk-set+json");
  const keys = ((await jwks.json()) as { keys: { kid: string; alg: string; d?: string }[] }).keys;
  expect(keys.length).toBeGreaterThanOrEqual(2); // the active key and the next one
  expect(keys.every((key) => key.d === undefined)).toBe(true);
  expect(keys.every((key) => key.alg === "ES256")).toBe(true); // the default signing algorithm
  const again = await request.get("/.well-known/jwks.json", { headers: { "if-none-match": jwks.headers().etag! } });
  expect(again.status()).toBe(304);
});

test("answers token requests with RFC 6749 errors and no-store", async ({ request }) => {
  const response = await request.post("/oauth/token", { form: { grant_type: "password", username: "x", password: "y" } });
  expect(response.status()).toBe(400);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({ error: "unsupported_grant_type" });
  const unauthenticated = await request.post("/oauth/token", { form: { grant_type: "client_credentials", resource: "https://x.example/mcp" } });
  expect(unauthenticated.status()).toBe(401);
  expect(await unauthenticated.json()).toMatchObject({ error: "invalid_client" });
});

test("publishes an authorization endpoint that refuses interactive flows without redirecting", async ({ request }) => {
  const response = await request.get("/oauth/authorize?response_type=code&client_id=agt_x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb", { maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(response.headers()["location"]).toBeUndefined();
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({ error: "unsupported_response_type" });
});
