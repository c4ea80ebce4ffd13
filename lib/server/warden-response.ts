// The response class of Warden's HTTP server: every response gets the security
// headers (lib/server/security-headers.ts) and its request id, added as it is
// written rather than set up front. Why: the machine-facing endpoints
// (lib/server/fast-routes.ts) answer with one writeHead(status, headers); with
// no header set before it, Node writes a flat header list straight out, where
// setting eight headers first made every answer take the slow path (each set
// validated and stored, then merged with the route's own). Responses that set
// headers progressively — Next.js pages, with their own nonce-based CSP —
// still get each default that they did not set themselves, as before.
// It also counts each answer for /metrics (lib/metrics/http.ts) when it ends:
// no listener per response, a clock read at its start and at its end.
// While the instance drains for shutdown (lib/server/draining.ts) every answer
// carries `Connection: close`, so no keep-alive connection outlives it.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { REQUEST_ID_HEADER } from "@/lib/http/request-context";
import { observeRequest } from "@/lib/metrics/http";
import { isDraining } from "@/lib/server/draining";
import { securityHeaderList } from "@/lib/server/security-headers";

type Headers = http.OutgoingHttpHeaders | http.OutgoingHttpHeader[] | undefined;

export function wardenResponseClass(options: { https: boolean }): typeof http.ServerResponse {
  const defaults = securityHeaderList(options);

  class WardenResponse<Request extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Request> {
    /** set once a header was set before writeHead (Next.js does; the lean endpoints do not) */
    private progressive = false;
    /** when the request's headers had been read (this response is created then) */
    private readonly startedAt = performance.now();
    private observed = false;

    override end(chunk?: unknown, encoding?: unknown, callback?: unknown): this {
      const ended = super.end(chunk, encoding as BufferEncoding, callback as () => void);
      if (!this.observed) {
        this.observed = true;
        try {
          observeRequest(this.req, this.statusCode, performance.now() - this.startedAt);
        } catch {
          // counting never breaks an answer
        }
      }
      return ended;
    }

    override setHeader(name: string, value: number | string | readonly string[]): this {
      this.progressive = true;
      return super.setHeader(name, value);
    }

    override appendHeader(name: string, value: string | readonly string[]): this {
      this.progressive = true;
      return super.appendHeader(name, value);
    }

    override writeHead(statusCode: number, reasonOrHeaders?: string | Headers, maybeHeaders?: Headers): this {
      const reason = typeof reasonOrHeaders === "string" ? reasonOrHeaders : undefined;
      const headers = typeof reasonOrHeaders === "string" ? maybeHeaders : reasonOrHeaders;
      const requestId = this.req.headers[REQUEST_ID_HEADER] as string | undefined;
      // Node then writes `Connection: close` and ends the socket after this response
      if (isDraining()) this.shouldKeepAlive = false;
      if (this.progressive || Array.isArray(headers)) {
        const passed = new Set(headers && !Array.isArray(headers) ? Object.keys(headers).map((name) => name.toLowerCase()) : []);
        for (const [name, value] of defaults) if (!this.hasHeader(name) && !passed.has(name)) super.setHeader(name, value);
        if (requestId && !this.hasHeader(REQUEST_ID_HEADER) && !passed.has(REQUEST_ID_HEADER)) super.setHeader(REQUEST_ID_HEADER, requestId);
        return reason === undefined ? super.writeHead(statusCode, headers) : super.writeHead(statusCode, reason, headers);
      }
      // the lean path: one flat list, the route's own headers winning over the defaults (names compared
      // in lower case; the lean routes name theirs in lower case, so no set is built for them)
      let mixedCase = false;
      if (headers) for (const name in headers) if (name !== name.toLowerCase()) mixedCase = true;
      const named = mixedCase ? new Set(Object.keys(headers!).filter((name) => headers![name] !== undefined).map((name) => name.toLowerCase())) : null;
      const list: string[] = [];
      for (const [name, value] of defaults) if (!(named ? named.has(name) : headers?.[name] !== undefined)) list.push(name, value);
      if (requestId && !(named ? named.has(REQUEST_ID_HEADER) : headers?.[REQUEST_ID_HEADER] !== undefined)) list.push(REQUEST_ID_HEADER, requestId);
      if (headers) {
        for (const name in headers) {
          const value = headers[name];
          if (value === undefined) continue;
          if (Array.isArray(value)) for (const item of value) list.push(name, String(item));
          else list.push(name, String(value));
        }
      }
      return reason === undefined ? super.writeHead(statusCode, list) : super.writeHead(statusCode, reason, list);
    }
  }
  return WardenResponse as unknown as typeof http.ServerResponse;
}
