// The cluster's instance processes (start-cluster.ts): each spawned with the
// cluster's common environment plus its own port, its output kept (bounded)
// for whoever wants to read it, ready once GET /api/health answers 200 — the
// port opens only after migrations, the first admin and the signing keys,
// and health also reads the database.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type InstanceCommand = (index: number, port: number) => { command: string; args: string[]; env?: Record<string, string> };
export type ClusterInstance = { index: number; port: number; url: string; pid: number; kill: (signal?: NodeJS.Signals) => void; exited: Promise<number | null>; output: () => string };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** What an instance keeps of its output: enough for hours of info-level logs of a test, bounded for a long soak. */
const OUTPUT_LIMIT = 8 * 1024 * 1024;
/** Settings the children need from this process whatever the caller's environment says. */
const BASE_VARIABLES = ["PATH", "HOME", "TMPDIR", "LANG"];

/**
 * The production server as `npm start` runs it (scripts/start.ts, tsconfig.node.json),
 * as one node process with the tsx loader instead of the tsx CLI, which would
 * put a second process in between: a signal sent to the pid reaches the server itself.
 */
export const startScriptCommand: InstanceCommand = (_index, port) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")],
  env: { PORT: String(port), TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.node.json") },
});

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type SpawnedInstance = ClusterInstance & { child: ChildProcess };

const live = new Set<ChildProcess>();
// whatever ends this process without stopping the cluster still takes the instances with it
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export function spawnInstance(options: { index: number; port: number; command: InstanceCommand; env: Record<string, string>; onOutput?: (index: number, text: string) => void }): SpawnedInstance {
  const { index, port } = options;
  const spec = options.command(index, port);
  const base = Object.fromEntries(BASE_VARIABLES.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]!]));
  const env: Record<string, string> = { ...base, ...options.env, ...spec.env };
  const child: ChildProcess = spawn(spec.command, spec.args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const chunks: string[] = [];
  let kept = 0;
  const append = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    chunks.push(text);
    kept += text.length;
    while (kept > OUTPUT_LIMIT && chunks.length > 1) kept -= chunks.shift()!.length;
    options.onOutput?.(index, text);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code: number | null) => {
      live.delete(child);
      resolve(code);
    });
    child.once("error", (error) => {
      append(Buffer.from(`could not start ${spec.command}: ${error.message}\n`));
      live.delete(child);
      resolve(null);
    });
  });
  return {
    index,
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    kill: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
    output: () => chunks.join(""),
    child,
  };
}

const tail = (text: string, lines = 40) => text.trimEnd().split("\n").slice(-lines).join("\n");

/** Resolves once the instance answers GET /api/health with 200; rejects when it exits first or the time is up. */
export async function waitUntilHealthy(instance: SpawnedInstance, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void instance.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`instance ${instance.index} (port ${instance.port}) exited with code ${instance.child.exitCode ?? instance.child.signalCode} before it was ready:\n${tail(instance.output())}`);
    const healthy = await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`instance ${instance.index} (port ${instance.port}) was not ready within ${Math.round(timeoutMs / 1000)} s:\n${tail(instance.output())}`);
}

/** SIGTERM (a graceful drain), then SIGKILL if it is still running after `graceMs`. */
export async function stopInstance(instance: SpawnedInstance, graceMs: number): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  instance.kill("SIGTERM");
  const timer = setTimeout(() => instance.kill("SIGKILL"), graceMs);
  await instance.exited;
  clearTimeout(timer);
}
