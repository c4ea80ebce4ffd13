// A real OpenID Connect provider (the `oidc-provider` package, with its built-in
// development login and consent pages) for the single sign-on e2e test. Any
// login name signs in; the account's email is <login>@sso.example.test and is
// reported as verified.
import http from "node:http";
import { Provider } from "oidc-provider";

export const OIDC_CLIENT = { id: "warden-e2e", secret: "warden-e2e-client-secret-0123456789" };

export function ssoEmail(login: string): string {
  return `${login}@sso.example.test`;
}

export async function startOidcProvider(options: { port: number; redirectUri: string }): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: ssoEmail(id), email_verified: true, name: `SSO ${id}` };
        },
      };
    },
  });
  // oidc-provider warns that it is running without TLS; acceptable on loopback in tests
  provider.proxy = false;
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
