// node-oidc-provider configured for the same grant Warden serves, as the
// baseline of `npm run bench -- token`: client_credentials with private_key_jwt
// (ES256), DPoP with server nonces required, one resource indicator, ES256 JWT
// access tokens of 300 s. Started as a child process by the benchmark; its
// settings arrive as JSON in BENCH_OIDC ({ port, issuer, clientId, publicJwk,
// resource, scopes }). Prints "ready" on stdout once it listens.
import crypto from "node:crypto";
import http from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import { Provider } from "oidc-provider";

const settings = JSON.parse(process.env.BENCH_OIDC ?? "{}");
const { port, issuer, clientId, publicJwk, resource, scopes } = settings;
if (!port || !issuer || !clientId || !publicJwk || !resource || !scopes) {
  console.error("BENCH_OIDC must carry port, issuer, clientId, publicJwk, resource and scopes");
  process.exit(2);
}

// the access-token signing key: EC P-256, so tokens are ES256 like Warden's
const { privateKey } = await generateKeyPair("ES256", { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), alg: "ES256", use: "sig", kid: "bench-signing-key" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      id_token_signed_response_alg: "ES256",
      jwks: { keys: [publicJwk] },
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      dpop_bound_access_tokens: true,
    },
  ],
  jwks: { keys: [signingJwk] },
  ttl: { ClientCredentials: 300 },
  clientAuthMethods: ["private_key_jwt"],
  enabledJWA: { clientAuthSigningAlgValues: ["ES256"], dPoPSigningAlgValues: ["ES256"] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // nonces on every proof (like Warden); replay of a proof's jti is refused
    dPoP: { enabled: true, nonceSecret: crypto.randomBytes(32), requireNonce: () => true, allowReplay: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== resource) throw new Error(`unknown resource ${indicator}`);
        return { scope: scopes, accessTokenFormat: "jwt", accessTokenTTL: 300, jwt: { sign: { alg: "ES256" } } };
      },
    },
  },
});
provider.proxy = false;
provider.on("server_error", (_ctx, error) => console.error("server_error", error));

const server = http.createServer(provider.callback());
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
