// The shutdown procedure on a real server in this process, with exit() and the
// database replaced by recorders: the order of its steps, the grace period and
// the second signal. tests/integration/graceful-shutdown.test.ts signals a real
// instance.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger, useLogger } from "@/lib/log";
import { isDraining, onDrain, resetDraining } from "@/lib/server/draining";
import { gracefulShutdown } from "@/lib/server/shutdown";
import { wardenResponseClass } from "@/lib/server/warden-response";

beforeAll(() => useLogger(createLogger({ level: "silent" })));
afterAll(() => useLogger(null));
afterEach(() => resetDraining());

type Held = { res: http.ServerResponse };

/** A server whose /slow requests wait until released, answering through Warden's response class. */
async function serve(): Promise<{ server: http.Server; url: string; held: Held[]; release: () => void }> {
  const held: Held[] = [];
  const server = http.createServer({ ServerResponse: wardenResponseClass({ https: false }) }, (req, res) => {
    if (req.url === "/slow") held.push({ res });
    else res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, held, release: () => held.splice(0).forEach(({ res }) => res.writeHead(200).end("done")) };
}

function get(url: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.once("end", () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
      })
      .once("error", reject);
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("gracefulShutdown", () => {
  it("answers drain listeners, refuses new connections, lets the request in flight finish with Connection: close, stops the scheduler, then closes the database and exits 0", async () => {
    const { server, url, held, release } = await serve();
    const steps: string[] = [];
    onDrain(() => steps.push("held poll answered"));
    const inFlight = get(`${url}/slow`);
    await until(() => held.length === 1);
    const exited = new Promise<number>((resolve) => {
      void gracefulShutdown({
        server,
        graceSeconds: 10,
        stopScheduler: async () => void steps.push("scheduler stopped"),
        disconnect: async () => void steps.push("database closed"),
        exit: resolve,
      })("SIGTERM");
    });
    expect(isDraining()).toBe(true);
    await expect(get(url)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    steps.push("request answered");
    release();
    expect(await inFlight).toEqual({ status: 200, connection: "close" });
    expect(await exited).toBe(0);
    expect(steps).toEqual(["held poll answered", "scheduler stopped", "request answered", "database closed"]);
  });

  it("cuts off the connections still open when the grace period ends, and exits 0", async () => {
    const { server, url, held } = await serve();
    const stalled = get(`${url}/slow`);
    await until(() => held.length === 1);
    const startedAt = Date.now();
    const code = await new Promise<number>((resolve) => void gracefulShutdown({ server, graceSeconds: 0, disconnect: async () => {}, exit: resolve })("SIGTERM"));
    expect(code).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await expect(stalled).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("exits at once on a second signal, with 128 + the signal's number, but takes copies of the first for the first", async () => {
    const { server, url, held, release } = await serve();
    const stalled = get(`${url}/slow`).catch(() => null);
    await until(() => held.length === 1);
    const codes: number[] = [];
    const shutdown = gracefulShutdown({ server, graceSeconds: 60, disconnect: async () => {}, exit: (code) => codes.push(code) });
    void shutdown("SIGINT");
    // the terminal's Ctrl-C, passed on by npm and tsx as well
    void shutdown("SIGINT");
    expect(codes).toEqual([]);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 1000);
    void shutdown("SIGINT");
    vi.restoreAllMocks();
    expect(codes).toEqual([130]);
    release();
    await stalled;
    await until(() => codes.length === 2);
    expect(codes).toEqual([130, 0]);
  });
});
