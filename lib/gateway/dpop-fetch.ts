// The agent side: a fetch that calls an MCP server with a DPoP-bound access
// token from Warden, usable as the MCP SDK client's `fetch` (the SDK has no
// DPoP support). It gets the token with client_credentials and private_key_jwt
// (RFC 7523) plus a DPoP proof (answering Warden's use_dpop_nonce challenge),
// keeps it until shortly before it expires, and signs a fresh proof with ath
// for every request (RFC 9449 §7). A 401 invalid_token fetches a new token and
// retries once; a use_dpop_nonce from the resource server retries once with
// its nonce. Hand-written on jose rather than openid-client because
// openid-client's fetchProtectedResource takes no AbortSignal (the MCP SDK
// aborts its SSE streams) and throws on WWW-Authenticate challenges, where the
// MCP SDK expects the Response (it reads 401/403 itself).
// No Next.js or database imports: usable from any Node service.
import crypto from "node:crypto";
import { exportJWK, SignJWT, type CryptoKey, type JWK, type KeyObject } from "jose";
import type { SigningKey } from "@/lib/gateway/credentials";
import { accessTokenHash } from "@/lib/gateway/dpop-proof";

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** a token is renewed this long before it expires */
const RENEW_BEFORE_SECONDS = 30;

export type DpopFetchOptions = {
  /** Warden's issuer identifier (its base URL); the token endpoint is discovered */
  issuer: string;
  /** the agent's client id */
  clientId: string;
  /** a key registered for the agent, for private_key_jwt */
  clientKey: SigningKey;
  /** the key pair the tokens are bound to (e.g. jose's generateKeyPair("ES256")) */
  dpopKey: { privateKey: CryptoKey | KeyObject; publicKey: CryptoKey | KeyObject; alg: string };
  /** the MCP server's resource URI (RFC 8707) */
  resource: string;
  /** space-separated tool scopes; omitted: every scope the agent's grants give */
  scope?: string;
  fetch?: typeof fetch;
};

export type DpopFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  /** the current access token (fetched when needed) */
  accessToken(): Promise<string>;
  /** forgets the token: the next request gets a new one */
  reset(): void;
};

type Token = { value: string; renewAt: number };

function challengeError(response: Response): string | null {
  const header = response.headers.get("www-authenticate") ?? "";
  return /error="([^"]+)"/.exec(header)?.[1] ?? null;
}

export function createDpopFetch(options: DpopFetchOptions): DpopFetch {
  const base = options.fetch ?? globalThis.fetch;
  const issuer = options.issuer.replace(/\/$/, "");
  let tokenEndpoint: string | null = null;
  let publicJwk: JWK | null = null;
  let token: Token | null = null;
  let pending: Promise<Token> | null = null;
  const nonces = new Map<string, string>(); // origin → last DPoP-Nonce

  async function proof(method: string, url: string, accessToken?: string): Promise<string> {
    publicJwk ??= await exportJWK(options.dpopKey.publicKey);
    const target = new URL(url);
    const nonce = nonces.get(target.origin);
    const claims = { htm: method, htu: `${target.origin}${target.pathname}`, jti: crypto.randomUUID(), ...(nonce ? { nonce } : {}), ...(accessToken ? { ath: accessTokenHash(accessToken) } : {}) };
    return new SignJWT(claims).setProtectedHeader({ alg: options.dpopKey.alg, typ: "dpop+jwt", jwk: publicJwk }).setIssuedAt().sign(options.dpopKey.privateKey);
  }

  async function discover(): Promise<string> {
    if (tokenEndpoint) return tokenEndpoint;
    const response = await base(`${issuer}/.well-known/oauth-authorization-server`);
    if (!response.ok) throw new Error(`Warden's metadata answered HTTP ${response.status}`);
    const metadata = (await response.json()) as { issuer?: string; token_endpoint?: string };
    if (metadata.issuer !== issuer || typeof metadata.token_endpoint !== "string") throw new Error("Warden's metadata names another issuer or no token endpoint");
    return (tokenEndpoint = metadata.token_endpoint);
  }

  async function requestToken(): Promise<Token> {
    const endpoint = await discover();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: options.clientKey.alg, kid: options.clientKey.kid })
        .setIssuer(options.clientId)
        .setSubject(options.clientId)
        .setAudience(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(options.clientKey.privateKey);
      const body = new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, resource: options.resource });
      if (options.scope) body.set("scope", options.scope);
      const response = await base(endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", dpop: await proof("POST", endpoint) }, body });
      const nonce = response.headers.get("dpop-nonce");
      if (nonce) nonces.set(new URL(endpoint).origin, nonce);
      const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; token_type?: string; error?: string; error_description?: string };
      if (response.ok && json.access_token) {
        if (json.token_type?.toLowerCase() !== "dpop") throw new Error(`Warden issued a ${json.token_type} token, not a DPoP-bound one`);
        return { value: json.access_token, renewAt: Date.now() + Math.max(0, (json.expires_in ?? 60) - RENEW_BEFORE_SECONDS) * 1000 };
      }
      if (json.error === "use_dpop_nonce" && nonce && attempt === 0) continue;
      throw new Error(`Warden refused the token request: ${json.error ?? response.status} ${json.error_description ?? ""}`.trim());
    }
    throw new Error("Warden kept asking for a new DPoP nonce");
  }

  async function accessToken(): Promise<string> {
    if (token && token.renewAt > Date.now()) return token.value;
    pending ??= requestToken().finally(() => {
      pending = null;
    });
    token = await pending;
    return token.value;
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    const method = (init.method ?? "GET").toUpperCase();
    const value = await accessToken();
    const headers = new Headers(init.headers);
    headers.set("authorization", `DPoP ${value}`);
    headers.set("dpop", await proof(method, url, value));
    const response = await base(url, { ...init, method, headers });
    const nonce = response.headers.get("dpop-nonce");
    if (nonce) nonces.set(new URL(url).origin, nonce);
    return response;
  }

  const wrapped = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const merged: RequestInit = request ? { method: request.method, headers: request.headers, body: await request.arrayBuffer(), signal: request.signal, ...init } : init;
    const response = await send(url, merged);
    if (response.status !== 401) return response;
    const error = challengeError(response);
    if (error === "use_dpop_nonce" && response.headers.get("dpop-nonce")) return send(url, merged);
    if (error !== "invalid_token") return response;
    token = null;
    try {
      await accessToken();
    } catch {
      return response; // Warden refuses a new token too (e.g. the agent was suspended): the caller sees the 401
    }
    return send(url, merged);
  }) as DpopFetch;
  wrapped.accessToken = accessToken;
  wrapped.reset = () => {
    token = null;
  };
  return wrapped;
}
