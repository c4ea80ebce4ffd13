// Warden's HTTP server: Node's http server in front of Next.js. It stamps
// requests (request-meta.ts), sets security headers, and is where hot
// machine-facing endpoints get a lean path that skips the framework (the
// distribution issue adds them; ../shared design notes measured Next.js route
// handlers at a fraction of bare node:http throughput).
import http from "node:http";
import { env, publicUrl } from "@/lib/config/env";
import { REQUEST_ID_HEADER } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import { routeOf } from "@/lib/metrics/routes";
import { startSqliteWriter } from "@/lib/oauth/writer/sqlite-writer";
import { stampRequest } from "@/lib/server/request-meta";
import { trustedProxies } from "@/lib/server/trusted-proxies";
import { wardenResponseClass } from "@/lib/server/warden-response";

export type FastRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export type WardenServerOptions = {
  fastRoutes: FastRoute[];
  /** answers whatever no fast route took (Next.js) */
  fallback: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown>;
  trustedProxies: string[];
  /** the header trusted proxies forward client certificates in (default WARDEN_MTLS_CERT_HEADER) */
  clientCertificateHeader?: string;
  https: boolean;
};

/** The last resort of a request whose route threw: logged by route label (a query string can carry a credential), 500. */
function failRequest(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
  logger().error({ err: error, requestId: req.headers[REQUEST_ID_HEADER], method: req.method, route: routeOf(req.url ?? "/") }, "unhandled request error");
  if (!res.headersSent) {
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain");
  }
  res.end("Internal server error");
}

/** The rest of a request once a route needed I/O: that route's answer, then the routes after it, then the fallback. */
async function continueRequest(req: http.IncomingMessage, res: http.ServerResponse, pending: Promise<boolean> | null, next: number, options: WardenServerOptions): Promise<void> {
  const { fastRoutes } = options;
  if (pending) {
    if (await pending) return;
    for (let index = next; index < fastRoutes.length; index += 1) if (await fastRoutes[index]!(req, res)) return;
  }
  await options.fallback(req, res);
}

/** The server, not yet listening: request stamping, security headers, the fast routes, then the fallback. */
export function createWardenServer(options: WardenServerOptions): http.Server {
  const trusted = trustedProxies(options.trustedProxies);
  const certificateHeader = options.clientCertificateHeader ?? env().WARDEN_MTLS_CERT_HEADER;
  const { fastRoutes } = options;
  // security headers and the request id go on every response as it is written (lib/server/warden-response.ts)
  const server = http.createServer({ ServerResponse: wardenResponseClass({ https: options.https }) }, (req, res) => {
    stampRequest(req, trusted, certificateHeader);
    // routes decline other paths synchronously (false) and answer from memory synchronously (true):
    // only a route that needs I/O makes this request asynchronous, and only then is a closure made for it
    let index = 0;
    let pending: Promise<boolean> | null = null;
    try {
      for (; index < fastRoutes.length; index += 1) {
        const handled = fastRoutes[index]!(req, res);
        if (handled === true) return;
        if (handled !== false) {
          pending = handled;
          break;
        }
      }
    } catch (error) {
      failRequest(req, res, error);
      return;
    }
    continueRequest(req, res, pending, index + 1, options).catch((error: unknown) => failRequest(req, res, error));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;
  return server;
}

/**
 * Listens on PORT: the lean routes, then Next.js — or, on a machine-plane instance (WARDEN_ROLE=machine),
 * the lean routes and lib/server/machine-fallback.ts, with Next.js never imported (its first request
 * would switch on Node's process-wide async hooks, which every lean answer then pays for).
 */
export async function startHttpServer(options: { dev: boolean; dir: string; fastRoutes?: FastRoute[] }): Promise<http.Server> {
  const e = env();
  let fallback: WardenServerOptions["fallback"];
  if (e.WARDEN_ROLE === "machine") {
    fallback = (await import("@/lib/server/machine-fallback")).machineFallback;
  } else {
    const { default: next } = await import("next");
    const app = next({ dev: options.dev, dir: options.dir, hostname: e.WARDEN_HOST, port: e.PORT });
    fallback = app.getRequestHandler();
    await app.prepare();
  }
  // on SQLite, the token service's writes go to their own thread (lib/oauth/writer/sqlite-writer.ts)
  startSqliteWriter();
  const server = createWardenServer({ fastRoutes: options.fastRoutes ?? [], fallback, trustedProxies: e.WARDEN_TRUSTED_PROXIES, https: publicUrl().startsWith("https://") });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.WARDEN_HOST, () => resolve());
  });
  return server;
}
