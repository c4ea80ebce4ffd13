// The cluster's reverse proxy (proxy.ts) in front of real node:http upstreams
// on real sockets: round-robin, the forwarding headers, bodies streamed both
// ways, a refused or dying upstream marked down and probed back, idempotent
// requests without a body retried elsewhere, and anything else answered 502
// rather than sent a second time.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startProxy, type ProxyEvent, type ReverseProxy } from "./proxy";

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Upstream = { port: number; url: string; seen: Seen[]; open: () => number; close: () => Promise<void> };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** An upstream answering `name` and what it saw, or whatever `handle` does. */
async function upstream(name: string, options: { port?: number; handle?: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen[]) => void } = {}): Promise<Upstream> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    if (options.handle) return options.handle(req, res, seen);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json", "x-upstream": name }).end(JSON.stringify({ name, headers: req.headers, body }));
    });
  });
  let open = 0;
  server.on("connection", (socket) => {
    open += 1;
    socket.once("close", () => (open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  const close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  closers.push(close);
  return { port, url: `http://127.0.0.1:${port}`, seen, open: () => open, close };
}

/** A port nothing listens on (just freed). */
async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function proxy(upstreams: string[], events: ProxyEvent[] = []): Promise<ReverseProxy> {
  const started = await startProxy({ upstreams, probeIntervalMs: 50, onEvent: (event) => events.push(event) });
  closers.push(started.close);
  return started;
}

const waitFor = async (condition: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("the cluster proxy", () => {
  it("spreads requests round-robin over its upstreams", async () => {
    const all = await Promise.all(["a", "b", "c"].map((name) => upstream(name)));
    const front = await proxy(all.map((u) => u.url));
    const names: string[] = [];
    for (let index = 0; index < 7; index += 1) names.push((await fetch(`${front.url}/x`)).headers.get("x-upstream")!);
    expect(names).toEqual(["a", "b", "c", "a", "b", "c", "a"]);
    expect(front.upstreams().map((u) => [u.served, u.up])).toEqual([[3, true], [2, true], [2, true]]);
  });

  it("passes X-Forwarded-For (appending the client), -Proto and -Host, keeps Host, and drops hop-by-hop headers", async () => {
    const only = await upstream("a");
    const front = await proxy([only.url]);
    const reply = await new Promise<{ headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const request = http.get(`${front.url}/path?q=1`, { headers: { "x-forwarded-for": "203.0.113.9", connection: "keep-alive, x-hop", "x-hop": "1", "x-end": "2", "keep-alive": "timeout=5" } }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve(JSON.parse(text) as { headers: http.IncomingHttpHeaders }));
      });
      request.once("error", reject);
    });
    expect(only.seen[0]!.url).toBe("/path?q=1");
    expect(reply.headers).toMatchObject({ "x-forwarded-for": "203.0.113.9, 127.0.0.1", "x-forwarded-proto": "http", "x-forwarded-host": `127.0.0.1:${front.port}`, host: `127.0.0.1:${front.port}`, "x-end": "2" });
    expect(reply.headers).not.toHaveProperty("x-hop");
    expect(reply.headers).not.toHaveProperty("keep-alive");
  });

  it("streams a request body to the upstream and a response back as they come, with no timeout on a held answer", async () => {
    let firstChunkAt = 0;
    const streaming = await upstream("s", {
      handle: (req, res) => {
        req.once("data", () => {
          firstChunkAt = Date.now();
          // answer the first part at once; the rest of the answer waits for the rest of the upload
          res.writeHead(200, { "content-type": "text/plain" });
          res.write("got-first;");
          req.resume();
          req.once("end", () => setTimeout(() => res.end("got-all"), 1_500));
        });
      },
    });
    const front = await proxy([streaming.url]);
    const chunks: string[] = [];
    const request = http.request(`${front.url}/upload`, { method: "PUT", headers: { "content-type": "text/plain" } });
    const done = new Promise<void>((resolve, reject) => {
      request.once("response", (response) => {
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => chunks.push(chunk));
        response.once("end", resolve);
      });
      request.once("error", reject);
    });
    request.write("part one");
    await waitFor(() => chunks.length > 0);
    // the upstream read the first part and the client read the first answer before the upload ended
    expect(firstChunkAt).toBeGreaterThan(0);
    expect(chunks).toEqual(["got-first;"]);
    request.end("part two");
    await done;
    expect(chunks.join("")).toBe("got-first;got-all");
  });

  it("answers 502 to a POST whose upstream refuses it, without sending it to another upstream", async () => {
    const alive = await upstream("alive");
    const events: ProxyEvent[] = [];
    const front = await proxy([`http://127.0.0.1:${await deadPort()}`, alive.url], events);
    const reply = await fetch(`${front.url}/api`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(reply.status).toBe(502);
    expect(await reply.json()).toMatchObject({ error: "bad_gateway", error_description: expect.stringMatching(/ECONNREFUSED.*not retried/) });
    expect(alive.seen).toEqual([]);
    expect(events.map((event) => [event.kind, event.upstream.index, event.reason])).toEqual([["down", 0, "ECONNREFUSED"]]);
    // the next POST goes to the live upstream only
    expect((await fetch(`${front.url}/api`, { method: "POST", body: "{}" })).status).toBe(200);
    expect(alive.seen).toHaveLength(1);
  });

  it("answers 502 to a POST whose upstream dies after reading it, and never replays it elsewhere", async () => {
    const dying = await upstream("dying", { handle: (req, _res, seen) => req.resume().once("end", () => (seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: "" }), req.socket.destroy())) });
    const other = await upstream("other");
    const front = await proxy([dying.url, other.url]);
    const reply = await fetch(`${front.url}/write`, { method: "POST", body: "once" });
    expect(reply.status).toBe(502);
    expect(dying.seen).toHaveLength(1);
    expect(other.seen).toEqual([]);
    expect(front.upstreams()[0]!.failures).toBe(1);
  });

  it("retries a GET on the next upstream when one refuses or resets it", async () => {
    const resetting = await upstream("resetting", { handle: (req) => req.socket.destroy() });
    const alive = await upstream("alive");
    const front = await proxy([`http://127.0.0.1:${await deadPort()}`, resetting.url, alive.url]);
    const reply = await fetch(`${front.url}/read`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-upstream")).toBe("alive");
    expect(front.upstreams().map((u) => u.failures)).toEqual([1, 1, 0]);
    // the refusing one stays down; the resetting one accepts connections, so the probe brings it back at once
    await waitFor(() => front.upstreams()[1]!.up);
    expect(front.upstreams()[0]!.up).toBe(false);

    // a GET with a body is not retried
    const second = await proxy([resetting.url, alive.url]);
    const withBody = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${second.url}/read`, { method: "GET", headers: { "content-length": "4" } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.once("error", reject);
      request.end("body");
    });
    expect(withBody).toBe(502);
  });

  it("probes a down upstream and sends it requests again once it accepts connections", async () => {
    const port = await deadPort();
    const alive = await upstream("alive");
    const events: ProxyEvent[] = [];
    const front = await proxy([`http://127.0.0.1:${port}`, alive.url], events);
    expect((await fetch(`${front.url}/x`)).headers.get("x-upstream")).toBe("alive");
    expect(front.upstreams()[0]!.up).toBe(false);
    // while it is down every request goes to the live one
    for (let index = 0; index < 3; index += 1) expect((await fetch(`${front.url}/x`)).headers.get("x-upstream")).toBe("alive");
    await upstream("back", { port });
    await waitFor(() => front.upstreams()[0]!.up);
    const names = new Set<string>();
    for (let index = 0; index < 4; index += 1) names.add((await fetch(`${front.url}/x`)).headers.get("x-upstream")!);
    expect([...names].sort()).toEqual(["alive", "back"]);
    expect(events.map((event) => [event.kind, event.upstream.index])).toEqual([["down", 0], ["up", 0]]);
  });

  it("closes a kept-alive upstream connection once idle, but never cuts an answer held longer than that", async () => {
    const slow = await upstream("slow", { handle: (req, res) => setTimeout(() => res.end("held"), req.url === "/hold" ? 900 : 0) });
    const front = await startProxy({ upstreams: [slow.url], upstreamIdleMs: 300 });
    closers.push(front.close);
    const held = await fetch(`${front.url}/hold`);
    expect([held.status, await held.text()]).toEqual([200, "held"]);
    expect(slow.open()).toBe(1);
    await waitFor(() => slow.open() === 0, 2_000);
  });

  it("closes the upstream request when the client gives up a held one, and answers 503 when no upstream is up", async () => {
    let upstreamClosed = false;
    const holding = await upstream("holding", { handle: (_req, res) => res.once("close", () => (upstreamClosed = true)) });
    const front = await proxy([holding.url]);
    const controller = new AbortController();
    const held = fetch(`${front.url}/policy/v1/bundle?wait=60`, { signal: controller.signal }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(await held).toBe("AbortError");
    await waitFor(() => upstreamClosed);

    const none = await proxy([`http://127.0.0.1:${await deadPort()}`]);
    const first = await fetch(`${none.url}/x`);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
  });
});
