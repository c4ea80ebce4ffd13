// The soak's HTTP client: plain node:http with a keep-alive agent per instance
// (what a gateway or an agent SDK holds), requests spread over the instances
// round-robin by the load generator itself. Going through a reverse proxy in
// this process would put the proxy's work on the load generator's event loop,
// on a machine where the load generator already competes with the instances
// for two cores; `--proxy` measures that path when wanted.
import http from "node:http";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type RequestOptions = { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; timeoutMs: number };

export type Upstream = { url: string; host: string; port: number; agent: http.Agent };

export class RequestFailed extends Error {
  override name = "RequestFailed";
}

function upstream(url: string, maxSockets: number): Upstream {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:") throw new RequestFailed(`only http upstreams are supported, got ${url}`);
  return { url, host: parsed.hostname, port: Number(parsed.port || 80), agent: new http.Agent({ keepAlive: true, maxSockets, scheduling: "lifo" }) };
}

/** Where the load goes: one or more instance URLs (or one proxy URL), taken in turn. */
export class Upstreams {
  private readonly list: Upstream[];
  private next = 0;

  constructor(urls: string[], maxSocketsEach = 256) {
    if (urls.length === 0) throw new RequestFailed("no upstream URLs");
    this.list = urls.map((url) => upstream(url, maxSocketsEach));
  }

  pick(): Upstream {
    const chosen = this.list[this.next % this.list.length]!;
    this.next += 1;
    return chosen;
  }

  get size(): number {
    return this.list.length;
  }

  close(): void {
    for (const item of this.list) item.agent.destroy();
  }
}

/** One request with its whole body read; rejects on a network error or after `timeoutMs`. */
export function send(target: Upstream, path: string, options: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
    const outgoing = http.request({ host: target.host, port: target.port, path, method: options.method ?? "GET", headers, agent: target.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new RequestFailed(`no answer within ${options.timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}
