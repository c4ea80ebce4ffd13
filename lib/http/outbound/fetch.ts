// The one way Warden makes HTTP requests to addresses others chose (MCP
// servers, webhook receivers, SIEMs): a fetch whose connections go through the
// address policy, with a total timeout, a size limit on the answer and
// redirects followed by hand, each hop checked again (docs/outbound-requests.md).
import "server-only";
import { fetch as undiciFetch, type RequestInit as UndiciRequestInit, type Response as UndiciResponse } from "undici";
import { outboundDispatcher } from "@/lib/http/outbound/dispatcher";
import { findOutboundError, OutboundError } from "@/lib/http/outbound/errors";
import { limitedBody, tooLarge } from "@/lib/http/outbound/limited-body";
import type { Resolver } from "@/lib/http/outbound/lookup";
import type { OutboundPolicy } from "@/lib/http/outbound/policy";
import { outboundLimits, outboundPolicy } from "@/lib/http/outbound/settings";

export const MAX_REDIRECTS = 3;

export type OutboundOptions = {
  /** For the whole request, answer included; at most WARDEN_OUTBOUND_TIMEOUT_MS, which is the default. */
  timeoutMs?: number;
  /** Default WARDEN_OUTBOUND_MAX_BYTES. */
  maxBytes?: number;
  /** Hops followed when `redirect` is "follow" (fetch's default). */
  maxRedirects?: number;
  /** The deployment's policy unless given (tests). */
  policy?: OutboundPolicy;
  resolve?: Resolver;
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
// Credentials for one origin never travel to another (as fetch does on cross-origin redirects).
const ORIGIN_BOUND_HEADERS = ["authorization", "cookie", "proxy-authorization"];

type Hop = { url: URL; method: string; headers: Headers; body: RequestInit["body"] };

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(2)));
}

function timeoutError(timeoutMs: number): OutboundError {
  return new OutboundError("timeout", `No answer within ${seconds(timeoutMs)} s`, timeoutMs);
}

/** The request for the hop after `response`, or undefined when it cannot be followed (no Location, a body that cannot be sent twice). */
function nextHop(hop: Hop, response: UndiciResponse): Hop | OutboundError | undefined {
  const location = response.headers.get("location");
  if (!location || !URL.canParse(location, hop.url)) return undefined;
  const url = new URL(location, hop.url);
  if (hop.url.protocol === "https:" && url.protocol === "http:") return new OutboundError("redirect", `redirect from https to plain http (${url.origin}) refused`);
  const headers = new Headers(hop.headers);
  if (url.origin !== hop.url.origin) for (const name of ORIGIN_BOUND_HEADERS) headers.delete(name);
  // 303, and 301/302 after a POST, continue as a GET without the body (fetch's rule)
  if (response.status === 303 || ((response.status === 301 || response.status === 302) && hop.method === "POST")) {
    for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) headers.delete(name);
    return { url, method: hop.method === "HEAD" ? "HEAD" : "GET", headers, body: undefined };
  }
  if (hop.body instanceof ReadableStream) return undefined;
  return { url, method: hop.method, headers, body: hop.body };
}

/** The answer as a standard Response whose body stops at `maxBytes`; refused at once when Content-Length says it is larger. */
async function bounded(response: UndiciResponse, maxBytes: number, mapError: (error: unknown) => unknown): Promise<Response> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const body = response.body && !NULL_BODY_STATUSES.has(response.status) ? limitedBody(response.body as ReadableStream<Uint8Array>, maxBytes, mapError) : null;
  return new Response(body, { status: response.status, statusText: response.statusText, headers: [...response.headers] });
}

/**
 * fetch, guarded. A blocked destination, a timeout (ours), a redirect that
 * cannot be followed under `redirect: "error"` or too many of them, and a too
 * large answer reject with an OutboundError whose message can be shown as it
 * is; other failures reject as fetch's would (a TypeError with the cause).
 * `redirect: "manual"` returns a 3xx as it is.
 */
export async function outboundFetch(input: string | URL, init: RequestInit = {}, options: OutboundOptions = {}): Promise<Response> {
  const limits = outboundLimits();
  const timeoutMs = Math.min(options.timeoutMs ?? limits.timeoutMs, limits.timeoutMs);
  const maxBytes = options.maxBytes ?? limits.maxBytes;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const dispatcher = outboundDispatcher(options.policy ?? outboundPolicy(), options.resolve);
  const timer = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
  // our timer firing is a timeout; the caller's signal firing is the caller's business
  const mapError = (error: unknown) => findOutboundError(error) ?? (timer.aborted && !init.signal?.aborted ? timeoutError(timeoutMs) : error);

  let hop: Hop = { url: new URL(input), method: (init.method ?? "GET").toUpperCase(), headers: new Headers(init.headers), body: init.body };
  for (let followed = 0; ; followed += 1) {
    if (hop.url.protocol !== "http:" && hop.url.protocol !== "https:") throw new OutboundError("blocked", `only http and https destinations are contacted, not ${hop.url.protocol}`);
    let response: UndiciResponse;
    try {
      response = await undiciFetch(hop.url, {
        method: hop.method,
        headers: [...hop.headers],
        body: hop.body as UndiciRequestInit["body"],
        redirect: "manual",
        signal,
        dispatcher,
      });
    } catch (error) {
      throw mapError(error);
    }
    if (!REDIRECT_STATUSES.has(response.status) || init.redirect === "manual") return bounded(response, maxBytes, mapError);
    if (init.redirect === "error") {
      await response.body?.cancel().catch(() => undefined);
      throw new OutboundError("redirect", `redirected (HTTP ${response.status}); redirects are not followed`);
    }
    const next = nextHop(hop, response);
    if (next === undefined) return bounded(response, maxBytes, mapError);
    await response.body?.cancel().catch(() => undefined);
    if (next instanceof OutboundError) throw next;
    if (followed === maxRedirects) throw new OutboundError("redirect", `more than ${maxRedirects} redirects`);
    hop = next;
  }
}
