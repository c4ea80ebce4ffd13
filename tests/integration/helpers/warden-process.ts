// Warden's OAuth endpoints on a real socket, without Next.js: the lean path of
// lib/server/http-server.ts (request stamping, security headers, FAST_ROUTES,
// 404 for anything else), served in this process or in a child process of its
// own (tests/integration/helpers/oauth-instance.ts) — two such children on one
// database are two Warden instances. No vitest imports: the child loads this file.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { publicUrl } from "@/lib/config/env";
import { FAST_ROUTES } from "@/lib/server/fast-routes";
import { stampRequest } from "@/lib/server/request-meta";
import { wardenResponseClass } from "@/lib/server/warden-response";

export type Listening = { url: string; port: number; close: () => Promise<void> };

/** Serves FAST_ROUTES on 127.0.0.1 (port 0: any free port). */
export async function serveFastRoutes(options: { port?: number } = {}): Promise<Listening> {
  const server = http.createServer({ ServerResponse: wardenResponseClass({ https: publicUrl().startsWith("https://") }) }, (req, res) => {
    stampRequest(req, new Set());
    void (async () => {
      for (const route of FAST_ROUTES) if (await route(req, res)) return;
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal server error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The line a child prints once it listens, followed by its port. */
export const READY_LINE = "warden-oauth-instance listening on port";

export type OAuthInstance = { url: string; port: number; child: ChildProcess; output: () => string; stop: () => Promise<void> };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const running = new Set<ChildProcess>();
// a worker that dies without afterAll still takes its instances with it (they also exit when the IPC channel closes)
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

async function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts one Warden OAuth instance as a child process (plain node with the tsx
 * loader, one process, so killing it by its pid ends it) with exactly `env`
 * on top of PATH/HOME, and waits until it listens on its own free port.
 * `script` runs another instance that prints READY_LINE (helpers/app-instance.ts).
 */
export async function startOAuthInstance(env: Record<string, string>, options: { timeoutMs?: number; script?: string } = {}): Promise<OAuthInstance> {
  const base = Object.fromEntries(["PATH", "HOME", "TMPDIR", "LANG"].filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]!]));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, options.script ?? "tests/integration/helpers/oauth-instance.ts")], {
    cwd: root,
    env: { ...base, NODE_ENV: "test", TSX_TSCONFIG_PATH: path.join(root, "tsconfig.node.json"), WARDEN_TEST_INSTANCE_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  running.add(child);
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const stop = () => stopChild(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OAuth instance did not listen within ${options.timeoutMs ?? 30_000} ms`)), options.timeoutMs ?? 30_000);
      const onData = () => {
        const match = new RegExp(`${READY_LINE} (\\d+)`).exec(output);
        if (!match) return;
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve(Number(match[1]));
      };
      child.stdout!.on("data", onData);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the OAuth instance exited (${signal ?? code}) before listening`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, port, child, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- instance output ---\n${output}`);
  }
}
