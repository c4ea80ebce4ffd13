// The enforcement SDK's policy source: discovers Warden's endpoints from its
// RFC 8414 metadata, long-polls the policy bundle of this gateway's (or MCP
// server's) view, checks every bundle (lib/gateway/verify-bundle.ts) against
// Warden's JWKS before using it, and keeps the last good bundle when Warden is
// unreachable or sends something it refuses. No Next.js or database imports:
// usable from any Node service.
import { decodeProtectedHeader, type JSONWebKeySet } from "jose";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import { EndpointCredentials, type SigningKey } from "@/lib/gateway/credentials";
import { BundleRejected, verifyPolicyBundle } from "@/lib/gateway/verify-bundle";

export const SDK_VERSION = "warden-gateway-sdk/0.1.0";
const BUNDLE_PATH = "/policy/v1/bundle";
const STATUS_PATH = "/policy/v1/status";
/** while polling: report after every new bundle, and otherwise at most this often */
const REPORT_EVERY_MS = 10_000;
const MAX_ERRORS = 20;
const MAX_BACKOFF_MS = 30_000;
/** a JWKS without a presented kid is fetched again at most this often (unknown kids cost nothing more) */
const KEY_REFRESH_MS = 1_000;

export type { SigningKey };

export type BundleClientOptions = {
  /** Warden's issuer identifier (its base URL); everything else is discovered */
  issuer: string;
  /** this gateway's or server's identity id */
  identityId: string;
  /** a private key registered for that identity */
  key: SigningKey;
  /** seconds each long poll may be held (0–60) */
  waitSeconds?: number;
  fetch?: typeof fetch;
  onUpdate?: (bundle: PolicyBundle) => void;
  onError?: (error: BundleError) => void;
};

export type BundleError = { at: string; message: string; reason?: BundleRejected["reason"] };

/** What the client reports to Warden (the gateway status API, modelled on OPA's). */
export type BundleClientStatus = {
  revision: number | null;
  lastSuccessfulFetch: string | null;
  lastAttempt: string | null;
  errors: BundleError[];
  version: string;
};

type Discovered = { jwksUri: string; bundleUrl: string; statusUrl: string };

export class PolicyBundleClient {
  readonly #options: Required<Omit<BundleClientOptions, "onUpdate" | "onError">> & Pick<BundleClientOptions, "onUpdate" | "onError">;
  #bundle: PolicyBundle | null = null;
  #etag: string | null = null;
  #jwks: JSONWebKeySet | null = null;
  #jwksFetchedAt = 0;
  #discovered: Discovered | null = null;
  readonly #credentials: EndpointCredentials;
  #lastReport = 0;
  #status: BundleClientStatus = { revision: null, lastSuccessfulFetch: null, lastAttempt: null, errors: [], version: SDK_VERSION };
  #running = false;
  #abort: AbortController | null = null;
  #loop: Promise<void> | null = null;

  constructor(options: BundleClientOptions) {
    // explicit undefined options take the defaults too
    this.#options = { ...options, waitSeconds: options.waitSeconds ?? 30, fetch: options.fetch ?? globalThis.fetch, issuer: options.issuer.replace(/\/$/, "") };
    this.#credentials = new EndpointCredentials(options.identityId, options.key);
  }

  /** The bundle in use (the last good one), or null before the first. */
  current(): PolicyBundle | null {
    return this.#bundle;
  }

  status(): BundleClientStatus {
    return { ...this.#status, errors: [...this.#status.errors] };
  }

  /** Fetches once, without waiting: true when a new bundle was taken, false when nothing changed, null when it failed (recorded in status(), never thrown). */
  async refresh(): Promise<boolean | null> {
    return this.#fetchOnce(0);
  }

  /** Starts long polling; resolves once the first attempt finished. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#fetchOnce(0);
    this.#loop = this.#run();
  }

  /** Reports status() to Warden (POST /policy/v1/status); false when Warden did not take it (recorded as an error). */
  async reportStatus(): Promise<boolean> {
    this.#lastReport = Date.now();
    const at = new Date().toISOString();
    try {
      const { statusUrl } = await this.#discover();
      const { revision, lastSuccessfulFetch, errors, version } = this.status();
      const response = await this.#options.fetch(statusUrl, {
        method: "POST",
        headers: { authorization: `Bearer ${await this.#credentials.bearer(statusUrl)}`, "content-type": "application/json" },
        body: JSON.stringify({ revision, lastSuccessfulFetch, errors: errors.map(({ at: when, message, reason }) => ({ at: when, message: message.slice(0, 500), ...(reason ? { reason } : {}) })), version }),
      });
      if (response.status === 204) return true;
      if (response.status === 401) this.#credentials.forget(statusUrl);
      throw new Error(`The status endpoint answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    } catch (error) {
      this.#record({ at, message: (error as Error).message });
      return false;
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#abort?.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    let backoff = 1000;
    while (this.#running) {
      const ok = await this.#fetchOnce(this.#options.waitSeconds);
      if (!this.#running) break;
      if (ok === true || Date.now() - this.#lastReport >= REPORT_EVERY_MS) void this.reportStatus();
      if (ok !== null) {
        backoff = 1000;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  #record(error: BundleError): void {
    this.#status.errors = [...this.#status.errors, error].slice(-MAX_ERRORS);
    this.#options.onError?.(error);
  }

  async #discover(): Promise<Discovered> {
    if (this.#discovered) return this.#discovered;
    const response = await this.#options.fetch(`${this.#options.issuer}/.well-known/oauth-authorization-server`);
    if (!response.ok) throw new Error(`Warden's metadata answered HTTP ${response.status}`);
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (metadata.issuer !== this.#options.issuer || typeof metadata.jwks_uri !== "string") throw new Error("Warden's metadata names another issuer or no jwks_uri");
    return (this.#discovered = { jwksUri: metadata.jwks_uri, bundleUrl: `${this.#options.issuer}${BUNDLE_PATH}`, statusUrl: `${this.#options.issuer}${STATUS_PATH}` });
  }

  /** Warden's JWKS, cached; fetched again when it lacks `kid` (a rotation), at most once per KEY_REFRESH_MS. */
  async jwks(kid?: string): Promise<JSONWebKeySet> {
    const stale = kid !== undefined && this.#jwks !== null && !this.#jwks.keys.some((key) => key.kid === kid);
    if (this.#jwks && !(stale && Date.now() - this.#jwksFetchedAt >= KEY_REFRESH_MS)) return this.#jwks;
    const response = await this.#options.fetch((await this.#discover()).jwksUri);
    if (!response.ok) throw new Error(`Warden's JWKS answered HTTP ${response.status}`);
    this.#jwksFetchedAt = Date.now();
    return (this.#jwks = (await response.json()) as JSONWebKeySet);
  }

  async #verify(jws: string): Promise<PolicyBundle> {
    const options = { issuer: this.#options.issuer, audience: this.#options.identityId, currentRevision: this.#bundle?.revision ?? null };
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(jws).kid;
    } catch {
      kid = undefined;
    }
    // a rotation: Warden published the key before it signed with it, so a fresh JWKS has it
    return verifyPolicyBundle(jws, { ...options, jwks: await this.jwks(typeof kid === "string" ? kid : undefined) });
  }

  /** true: a new bundle was taken; false: nothing new; null: the attempt failed (recorded). */
  async #fetchOnce(waitSeconds: number): Promise<boolean | null> {
    const at = new Date().toISOString();
    this.#status.lastAttempt = at;
    try {
      const { bundleUrl } = await this.#discover();
      this.#abort = new AbortController();
      const headers: Record<string, string> = { authorization: `Bearer ${await this.#credentials.bearer(bundleUrl)}` };
      if (this.#etag) headers["if-none-match"] = this.#etag;
      const url = this.#etag && waitSeconds > 0 ? `${bundleUrl}?wait=${waitSeconds}` : bundleUrl;
      const response = await this.#options.fetch(url, { headers, signal: this.#abort.signal });
      if (response.status === 304) {
        this.#status.lastSuccessfulFetch = at;
        return false;
      }
      if (response.status !== 200) {
        const body = (await response.text()).slice(0, 300);
        if (response.status === 401) this.#credentials.forget(bundleUrl);
        throw new Error(`The bundle endpoint answered HTTP ${response.status}: ${body}`);
      }
      const bundle = await this.#verify(await response.text());
      this.#bundle = bundle;
      this.#etag = response.headers.get("etag");
      this.#status.revision = bundle.revision;
      this.#status.lastSuccessfulFetch = at;
      this.#options.onUpdate?.(bundle);
      return true;
    } catch (error) {
      if (!this.#running && (error as Error).name === "AbortError") return false;
      this.#record({ at, message: (error as Error).message, ...(error instanceof BundleRejected ? { reason: error.reason } : {}) });
      return null;
    } finally {
      this.#abort = null;
    }
  }
}
