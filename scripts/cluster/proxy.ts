// The local cluster's reverse proxy (npm run cluster, docs/deployment.md
// "Local cluster"): node:http only, round-robin over the upstreams it believes
// are up, passing the client's address on as a load balancer does
// (X-Forwarded-For/-Proto/-Host). Bodies stream both ways and nothing times a
// response out, because a policy long poll is held up to 60 s. An upstream
// whose connection is refused or reset is marked down and probed until it
// accepts connections again. Only a request that cannot have changed anything
// — GET, HEAD or OPTIONS without a body — is tried again on another upstream;
// any other request whose upstream fails answers 502, since the upstream may
// have applied it before dying and replaying it could apply it twice.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

export type UpstreamState = { index: number; url: string; up: boolean; served: number; failures: number; active: number };
export type ProxyEvent = { kind: "down" | "up"; upstream: UpstreamState; reason?: string };

export type ReverseProxy = {
  url: string;
  port: number;
  /** a snapshot of each upstream: whether it is up, how many responses it began, how many connections failed, how many requests it has in flight */
  upstreams: () => UpstreamState[];
  close: () => Promise<void>;
};

export type ProxyOptions = {
  /** base URLs of the upstreams (http://host:port) */
  upstreams: string[];
  port?: number;
  host?: string;
  /** how often upstreams marked down are probed with a TCP connect */
  probeIntervalMs?: number;
  /** how long a kept-alive connection to an upstream may sit idle; below Warden's keepAliveTimeout (65 s), so the proxy never sends on a connection Warden is closing */
  upstreamIdleMs?: number;
  onEvent?: (event: ProxyEvent) => void;
};

const RETRYABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// RFC 9110 §7.6.1: meaningful for one connection only, never forwarded
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);
const PROBE_TIMEOUT_MS = 1_000;

type Upstream = UpstreamState & { host: string; port: number };

/** Headers without the hop-by-hop ones, including those the Connection header names. */
function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const named = new Set(String(headers.connection ?? "").split(",").map((name) => name.trim().toLowerCase()).filter(Boolean));
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)));
}

function clientAddress(socket: net.Socket): string {
  const address = socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers = endToEnd(req.headers);
  const prior = req.headers["x-forwarded-for"];
  const chain = [...(Array.isArray(prior) ? prior : prior ? [prior] : []), clientAddress(req.socket)];
  headers["x-forwarded-for"] = chain.join(", ");
  headers["x-forwarded-proto"] = "http";
  if (req.headers.host) headers["x-forwarded-host"] = req.headers.host;
  return headers;
}

function hasBody(req: http.IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");
}

function answerError(res: http.ServerResponse, status: 502 | 503, description: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...(status === 503 ? { "retry-after": "1" } : {}) });
  res.end(JSON.stringify({ error: status === 502 ? "bad_gateway" : "no_upstream", error_description: description }));
}

export async function startProxy(options: ProxyOptions): Promise<ReverseProxy> {
  const upstreams: Upstream[] = options.upstreams.map((base, index) => {
    const url = new URL(base);
    return { index, url: url.origin, host: url.hostname, port: Number(url.port || 80), up: true, served: 0, failures: 0, active: 0 };
  });
  const snapshot = (upstream: Upstream): UpstreamState => ({ index: upstream.index, url: upstream.url, up: upstream.up, served: upstream.served, failures: upstream.failures, active: upstream.active });
  // the agent's timeout closes idle kept-alive sockets only; a held answer on a busy socket is not cut
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: options.upstreamIdleMs ?? 30_000 });
  let cursor = 0;

  const markDown = (upstream: Upstream, reason: string) => {
    upstream.failures += 1;
    if (!upstream.up) return;
    upstream.up = false;
    options.onEvent?.({ kind: "down", upstream: snapshot(upstream), reason });
  };
  const markUp = (upstream: Upstream) => {
    if (upstream.up) return;
    upstream.up = true;
    options.onEvent?.({ kind: "up", upstream: snapshot(upstream) });
  };

  /** The next live upstream in round-robin order that this request has not tried yet. */
  const pick = (tried: Set<Upstream>): Upstream | null => {
    for (let step = 0; step < upstreams.length; step += 1) {
      const candidate = upstreams[(cursor + step) % upstreams.length]!;
      if (candidate.up && !tried.has(candidate)) {
        cursor = (cursor + step + 1) % upstreams.length;
        return candidate;
      }
    }
    return null;
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, tried: Set<Upstream>) => {
    const upstream = pick(tried);
    if (!upstream) {
      answerError(res, 503, tried.size ? "every instance tried failed" : "no instance is up");
      return;
    }
    tried.add(upstream);
    upstream.active += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      upstream.active -= 1;
    };
    const outgoing = http.request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: forwardedHeaders(req), agent });
    let answered = false;
    outgoing.once("response", (incoming) => {
      answered = true;
      upstream.served += 1;
      markUp(upstream);
      res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, endToEnd(incoming.headers));
      // a streamed answer's headers go out now, not with its first chunk
      res.flushHeaders();
      incoming.pipe(res);
      // the upstream died in the middle of its answer: the client must see a broken response, not a short one
      incoming.once("close", () => {
        if (!incoming.complete) res.destroy();
      });
    });
    outgoing.once("error", (error: NodeJS.ErrnoException) => {
      if (answered || res.destroyed) return;
      settle();
      markDown(upstream, error.code ?? error.message);
      probeSoon();
      if (RETRYABLE_METHODS.has(req.method ?? "") && !hasBody(req)) forward(req, res, tried);
      else answerError(res, 502, `the instance failed before answering (${error.code ?? error.message}); the request was not retried because it may have taken effect`);
    });
    // the client went away (a long poll given up): free the upstream's connection too
    res.once("close", () => {
      settle();
      if (!res.writableFinished) outgoing.destroy();
    });
    if (hasBody(req)) req.pipe(outgoing);
    else outgoing.end();
  };

  const server = http.createServer((req, res) => forward(req, res, new Set()));
  server.headersTimeout = 66_000;

  const probe = (upstream: Upstream) =>
    new Promise<void>((resolve) => {
      const socket = net.connect({ host: upstream.host, port: upstream.port });
      const done = (up: boolean) => {
        socket.destroy();
        if (up) markUp(upstream);
        resolve();
      };
      socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
      socket.once("connect", () => done(true));
      socket.once("error", () => done(false));
    });
  let probing = false;
  const probeDown = async () => {
    if (probing) return;
    probing = true;
    try {
      await Promise.all(upstreams.filter((upstream) => !upstream.up).map(probe));
    } finally {
      probing = false;
    }
  };
  const probeTimer = setInterval(() => void probeDown(), options.probeIntervalMs ?? 1_000);
  probeTimer.unref();
  // also right after a failure, so an upstream that only dropped one connection is back at once
  const probeSoon = () => setImmediate(() => void probeDown());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    upstreams: () => upstreams.map(snapshot),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(probeTimer);
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
