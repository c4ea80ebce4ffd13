// The two servers under test, each in its own child process with its output in
// a log file: Warden started as a user would (scripts/start.ts, production
// build) and node-oidc-provider (./oidc-provider.mjs).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { JWK } from "jose";
import { BenchError } from "@/scripts/bench/token/prepare";

export type Child = { name: string; process: ChildProcess; log: string; stop: () => Promise<void> };

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Child {
  const fd = fs.openSync(log, "w");
  const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    await Promise.race([exited, timeout]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  return { name, process: child, log, stop };
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function waitFor(child: Child, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new BenchError(`${child.name} exited with code ${child.process.exitCode} before it was ready; the end of ${child.log}:\n${tail(child.log)}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await child.stop();
  throw new BenchError(`${child.name} was not ready within ${Math.round(timeoutMs / 1000)} s; the end of ${child.log}:\n${tail(child.log)}`);
}

/** A server left over on the port would be measured instead of ours. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new BenchError(`port ${port} is in use; stop whatever listens there (a server from an earlier run?)`)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** Warden on a data directory the benchmark prepared; the first start after a source change builds the app. */
/**
 * Warden on a data directory the benchmark prepared; the first start after a source change builds the app.
 * Two switches for investigating a run (BENCHMARKS.md, "Profiling a benchmark"), neither on by default:
 * WARDEN_BENCH_CPU_PROF=<dir> starts the server under node --cpu-prof (a profile per thread, written to
 * <dir> when it stops); WARDEN_BENCH_READY_PATH replaces the readiness probe /api/health — a Next.js route,
 * as a production instance serves its console from the same process — with another path, e.g.
 * /.well-known/jwks.json, so that Next.js serves no request and Node's async hooks stay off.
 */
export async function startWarden(options: { port: number; env: NodeJS.ProcessEnv; logDir: string }): Promise<Child> {
  await assertPortFree(options.port);
  const log = path.join(options.logDir, "warden.log");
  const profileDir = process.env.WARDEN_BENCH_CPU_PROF;
  const child = profileDir
    ? start("Warden", process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`, "--import", "tsx", "scripts/start.ts"], { ...options.env, TSX_TSCONFIG_PATH: "tsconfig.node.json" }, log)
    : start("Warden", path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.node.json", "scripts/start.ts"], options.env, log);
  const ready = process.env.WARDEN_BENCH_READY_PATH ?? "/api/health";
  await waitFor(child, async () => (await fetch(`http://127.0.0.1:${options.port}${ready}`)).ok, 900_000);
  return child;
}

/** A plain Node script (no tsx) that prints "ready" once it listens on `port`. */
export async function startNodeScript(options: { name: string; script: string; port: number; env: NodeJS.ProcessEnv; log: string; timeoutMs?: number }): Promise<Child> {
  await assertPortFree(options.port);
  const child = start(options.name, process.execPath, [options.script], options.env, options.log);
  await waitFor(child, async () => fs.readFileSync(child.log, "utf8").includes("ready"), options.timeoutMs ?? 30_000);
  return child;
}

export async function startOidcProvider(options: {
  port: number;
  issuer: string;
  clientId: string;
  publicJwk: JWK;
  resource: string;
  scopes: string;
  logDir: string;
}): Promise<Child> {
  const { logDir, ...settings } = options;
  const script = path.join(process.cwd(), "scripts", "bench", "token", "oidc-provider.mjs");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" as const, BENCH_OIDC: JSON.stringify(settings) };
  return startNodeScript({ name: "node-oidc-provider", script, port: options.port, env, log: path.join(logDir, "oidc-provider.log") });
}
