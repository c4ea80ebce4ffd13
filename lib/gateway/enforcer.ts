// The enforcement SDK's resource-server check of one HTTP request to an MCP
// server: the access token (Warden's signature from its JWKS, typ at+jwt,
// issuer, audience = this server's resource URI, expiry), its sender
// constraint (DPoP proof per RFC 9449 §7 with ath, htm, htu, cnf.jkt, iat
// window and a replay cache; the connection's client certificate for
// cnf["x5t#S256"] per RFC 8705 §3; or Bearer for agents allowed it), then
// the policy bundle: nothing revoked, and for tools/call the tool approved and
// its scope both in the token and still granted. Every tools/call decision and
// every refusal becomes an event (lib/gateway/decision-events.ts).
// No Next.js or database imports: usable from any Node service.
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { refusalResponse, type HttpRefusal, type RefusalResponse, type Scheme } from "@/lib/gateway/challenges";
import { actors, callableTools, checkToken, checkToolCall, toolInfo, type TokenClaims } from "@/lib/gateway/decide";
import { checkDpopProof, DpopProofError } from "@/lib/gateway/dpop-proof";
import { ReplayCache } from "@/lib/gateway/replay-cache";
import { CertificateFormatError, certificateThumbprint, parseForwardedCertificate } from "@/lib/mtls/certificate";
import { BUNDLE_ALGORITHMS } from "@/lib/gateway/verify-bundle";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import type { EnforcementEvent } from "@/lib/policy/events/schema";

export type JsonRpcId = string | number;

export type EnforcerOptions = {
  /** the policy source (a started PolicyBundleClient) */
  bundles: { current(): PolicyBundle | null; jwks(kid?: string): Promise<JSONWebKeySet> };
  /** Warden's issuer identifier */
  issuer: string;
  /** this MCP server's identity id in Warden */
  serverId: string;
  /** this MCP server's resource URI (RFC 8707), the audience its tokens carry */
  resourceUri: string;
  /** where this server publishes its RFC 9728 metadata; defaults to the well-known URL for resourceUri */
  resourceMetadataUrl?: string;
  /** where decisions go (a started DecisionEventSink) */
  events?: { emit(event: EnforcementEvent): void };
  replayCache?: ReplayCache;
  /** a DPoP proof older than this is refused (default 60 s) */
  dpopMaxAgeSeconds?: number;
  /** tolerated clock difference (default 10 s) */
  clockSkewSeconds?: number;
  /** tool tiers whose calls need a token obtained with a key attested as hardware-bound (amr hwk); default none */
  requireHardwareKeysFor?: ("read" | "write" | "irreversible")[];
};

export type HttpRequestInfo = {
  method: string;
  /** the absolute URL the client addressed (what its DPoP proof's htu names) */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** the client certificate of the connection (as a trusted proxy forwarded it, or base64 DER): checked against certificate-bound tokens */
  clientCertificate?: string | null;
};

/** What an allowed request carries on: shaped as the MCP SDK's AuthInfo (req.auth), so tool handlers see who calls. */
export type EnforcedAuth = {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  resource: URL;
  extra: { agentId: string; jti: string; act: string[]; policyRevision: number };
};

export type Allowed = {
  allowed: true;
  auth: EnforcedAuth;
  /** the tools this token may call: tools/list answers are filtered to these */
  callableTools: Set<string>;
  /** ids of the JSON-RPC requests that are tools/list (their answers are filtered) and tools/call (their answers become tool_call events) */
  toolsList: JsonRpcId[];
  toolCalls: { id: JsonRpcId; tool: string; scope: string | null }[];
  decidedAt: number;
};

export type Denied = { allowed: false } & RefusalResponse;

type RpcMessage = { id?: JsonRpcId; method?: string; params?: { name?: unknown } };

function messagesOf(body: unknown): RpcMessage[] {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((message): message is RpcMessage => typeof message === "object" && message !== null && typeof (message as RpcMessage).method === "string");
}

function header(headers: HttpRequestInfo["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? (value.length === 1 ? value[0] : value.join(",")) : value;
}

export function defaultResourceMetadataUrl(resourceUri: string): string {
  const url = new URL(resourceUri);
  return `${url.origin}/.well-known/oauth-protected-resource${url.pathname === "/" ? "" : url.pathname}`;
}

export class McpEnforcer {
  readonly #options: EnforcerOptions & { resourceMetadataUrl: string; replayCache: ReplayCache; dpopMaxAgeSeconds: number; clockSkewSeconds: number };
  readonly #keySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();
  readonly #hardwareKeyTiers: ReadonlySet<string>;

  constructor(options: EnforcerOptions) {
    this.#hardwareKeyTiers = new Set(options.requireHardwareKeysFor ?? []);
    this.#options = {
      ...options,
      dpopMaxAgeSeconds: options.dpopMaxAgeSeconds ?? 60,
      clockSkewSeconds: options.clockSkewSeconds ?? 10,
      replayCache: options.replayCache ?? new ReplayCache(),
      resourceMetadataUrl: options.resourceMetadataUrl ?? defaultResourceMetadataUrl(options.resourceUri),
      issuer: options.issuer.replace(/\/$/, ""),
    };
  }

  get resourceUri(): string {
    return this.#options.resourceUri;
  }

  get resourceMetadataUrl(): string {
    return this.#options.resourceMetadataUrl;
  }

  /** The RFC 9728 protected resource metadata document of this server. */
  protectedResourceMetadata(): Record<string, unknown> {
    const bundle = this.#options.bundles.current();
    const server = bundle?.servers.find((candidate) => candidate.id === this.#options.serverId);
    return {
      resource: this.#options.resourceUri,
      authorization_servers: [this.#options.issuer],
      bearer_methods_supported: ["header"],
      scopes_supported: (server?.tools ?? []).filter((tool) => tool.status === "approved").map((tool) => tool.scope),
      dpop_signing_alg_values_supported: ["ES256", "EdDSA", "PS256"],
    };
  }

  /** Decides one HTTP request; `body` is its parsed JSON (a JSON-RPC message or batch), or undefined for GET/DELETE. */
  async check(request: HttpRequestInfo, body: unknown): Promise<Allowed | Denied> {
    const started = performance.now();
    const messages = messagesOf(body);
    const bundle = this.#options.bundles.current();
    const context: Partial<EnforcementEvent> & { scheme: Scheme | null } = { scheme: null };
    const deny = (refusal: HttpRefusal, tool: string | null = null, scope: string | null = null): Denied => {
      this.#emitDecision(started, messages, context, bundle, { decision: "deny", refusal, tool, scope });
      return { allowed: false, ...refusalResponse(refusal, this.#options.resourceMetadataUrl, context.scheme) };
    };
    if (!bundle) return deny({ status: 503, error: "temporarily_unavailable", description: "This enforcement point holds no policy bundle from Warden yet" });

    const authorization = header(request.headers, "authorization");
    const match = authorization ? /^(DPoP|Bearer) ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization) : null;
    if (!authorization) return deny({ status: 401, error: "invalid_token", description: "This MCP server requires an access token from Warden" });
    if (!match) return deny({ status: 400, error: "invalid_request", description: "Send Authorization: DPoP <token> or Bearer <token>" });
    context.scheme = match[1]!.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    const token = match[2]!;

    const claims = await this.#verifyToken(token);
    if (typeof claims === "string") return deny({ status: 401, error: "invalid_token", description: claims });
    Object.assign(context, { agentId: claims.sub, clientId: claims.client_id ?? null, tokenJti: claims.jti, act: actors(claims.act) });

    const binding = await this.#checkBinding(request, context.scheme, token, claims);
    if (binding) return deny(binding);
    const tokenRefusal = checkToken(bundle, this.#options.serverId, claims);
    if (tokenRefusal) return deny(tokenRefusal);

    const toolCalls: Allowed["toolCalls"] = [];
    for (const message of messages.filter((candidate) => candidate.method === "tools/call")) {
      const tool = typeof message.params?.name === "string" ? message.params.name : "";
      const refusal = checkToolCall(bundle, this.#options.serverId, claims, tool, Date.now(), this.#hardwareKeyTiers);
      const scope = toolInfo(bundle, this.#options.serverId, tool)?.scope ?? null;
      if (refusal) return deny(refusal, tool, scope);
      if (message.id !== undefined) toolCalls.push({ id: message.id, tool, scope });
    }
    for (const call of toolCalls) this.#emitDecision(started, [{ method: "tools/call" }], context, bundle, { decision: "allow", tool: call.tool, scope: call.scope });
    return {
      allowed: true,
      auth: {
        token,
        clientId: claims.client_id ?? claims.sub,
        scopes: (claims.scope ?? "").split(" ").filter(Boolean),
        expiresAt: claims.exp,
        resource: new URL(this.#options.resourceUri),
        extra: { agentId: claims.sub, jti: claims.jti, act: actors(claims.act), policyRevision: bundle.revision },
      },
      callableTools: callableTools(bundle, this.#options.serverId, claims, Date.now(), this.#hardwareKeyTiers),
      toolsList: messages.filter((message) => message.method === "tools/list" && message.id !== undefined).map((message) => message.id!),
      toolCalls,
      decidedAt: Date.now(),
    };
  }

  /** The verified claims, or why the token is refused. */
  async #verifyToken(token: string): Promise<TokenClaims | string> {
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return "The access token is not a JWT";
    }
    if (typeof kid !== "string") return "The access token names no signing key (kid)";
    let jwks: JSONWebKeySet;
    try {
      jwks = await this.#options.bundles.jwks(kid);
    } catch {
      return "Warden's signing keys could not be fetched to check the access token";
    }
    let keySet = this.#keySets.get(jwks);
    if (!keySet) this.#keySets.set(jwks, (keySet = createLocalJWKSet(jwks)));
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: this.#options.issuer,
        audience: this.#options.resourceUri,
        typ: "at+jwt",
        algorithms: BUNDLE_ALGORITHMS,
        clockTolerance: this.#options.clockSkewSeconds,
        requiredClaims: ["sub", "jti", "exp", "iat"],
      });
      return payload as TokenClaims;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") return "The access token has expired";
      if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && (error as { claim?: string }).claim === "aud") return `The access token is not for this MCP server (${this.#options.resourceUri})`;
      return `The access token is not valid: ${(error as Error).message}`;
    }
  }

  async #checkBinding(request: HttpRequestInfo, scheme: Scheme, token: string, claims: TokenClaims): Promise<HttpRefusal | null> {
    const x5t = claims.cnf?.["x5t#S256"];
    if (x5t) return this.#checkCertificateBinding(request, scheme, x5t);
    const jkt = claims.cnf?.jkt;
    if (!jkt) return scheme === "DPoP" ? { status: 401, error: "invalid_token", description: "The access token is not DPoP-bound: send it as Bearer" } : null;
    if (scheme !== "DPoP") return { status: 401, error: "invalid_token", description: "The access token is DPoP-bound: send it with Authorization: DPoP and a DPoP proof" };
    const proof = header(request.headers, "dpop");
    if (!proof) return { status: 401, error: "invalid_dpop_proof", description: "Send a DPoP proof (DPoP header) with the DPoP-bound access token" };
    const { dpopMaxAgeSeconds, clockSkewSeconds } = this.#options;
    try {
      const checked = await checkDpopProof(proof, { htm: request.method, htu: request.url, accessToken: token, maxAgeSeconds: dpopMaxAgeSeconds, skewSeconds: clockSkewSeconds });
      if (checked.jkt !== jkt) return { status: 401, error: "invalid_dpop_proof", description: "The DPoP proof is not made with the key the access token is bound to" };
      const use = this.#options.replayCache.use(`${checked.jkt}:${checked.jti}`, (checked.iat + dpopMaxAgeSeconds + clockSkewSeconds) * 1000);
      if (use === "replayed") return { status: 401, error: "invalid_dpop_proof", description: "The DPoP proof was already used (its jti is single-use)" };
      if (use === "full") return { status: 503, error: "temporarily_unavailable", description: "Too many DPoP proofs in flight; retry shortly" };
      return null;
    } catch (error) {
      if (error instanceof DpopProofError) return { status: 401, error: "invalid_dpop_proof", description: error.message };
      throw error;
    }
  }

  /** RFC 8705 §3: the connection's client certificate must be the one the token is bound to. */
  #checkCertificateBinding(request: HttpRequestInfo, scheme: Scheme, x5t: string): HttpRefusal | null {
    if (scheme !== "Bearer") return { status: 401, error: "invalid_token", description: "The access token is certificate-bound (mTLS): send it with Authorization: Bearer over the mutual-TLS connection" };
    if (!request.clientCertificate) return { status: 401, error: "invalid_token", description: "The access token is bound to a client certificate: connect with that certificate (mTLS)" };
    let thumbprint: string;
    try {
      thumbprint = certificateThumbprint(parseForwardedCertificate(request.clientCertificate));
    } catch (error) {
      if (error instanceof CertificateFormatError) return { status: 401, error: "invalid_token", description: `The connection's client certificate cannot be read: ${error.message}` };
      throw error;
    }
    if (thumbprint !== x5t) return { status: 401, error: "invalid_token", description: "The access token is bound to a different client certificate than this connection's" };
    return null;
  }

  /** Records the outcome of an allowed tool call (a tool_call event). */
  recordToolCall(allowed: Allowed, call: Allowed["toolCalls"][number], result: "success" | "error"): void {
    this.#options.events?.emit({
      type: "tool_call",
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      serverId: this.#options.serverId,
      agentId: allowed.auth.extra.agentId,
      clientId: allowed.auth.clientId,
      method: "tools/call",
      tool: call.tool.slice(0, 200),
      scope: call.scope,
      tokenJti: allowed.auth.extra.jti,
      act: allowed.auth.extra.act,
      policyRevision: allowed.auth.extra.policyRevision,
      result,
      durationMs: Math.max(0, Date.now() - allowed.decidedAt),
    });
  }

  #emitDecision(
    started: number,
    messages: RpcMessage[],
    context: Partial<EnforcementEvent>,
    bundle: PolicyBundle | null,
    decision: { decision: "allow" | "deny"; refusal?: HttpRefusal; tool: string | null; scope: string | null },
  ): void {
    if (!this.#options.events) return;
    this.#options.events.emit({
      type: "decision",
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      serverId: this.#options.serverId,
      agentId: context.agentId ?? null,
      clientId: context.clientId ?? null,
      method: messages[0]?.method?.slice(0, 100) ?? "http",
      tool: decision.tool?.slice(0, 200) ?? null,
      scope: decision.scope,
      tokenJti: context.tokenJti ?? null,
      act: context.act ?? [],
      policyRevision: bundle?.revision ?? null,
      decision: decision.decision,
      status: decision.refusal?.status ?? null,
      error: decision.refusal?.error ?? null,
      reason: decision.refusal?.description.slice(0, 500) ?? null,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
    });
  }
}
