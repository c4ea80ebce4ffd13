// A local Warden cluster: N instance processes on one database behind the
// reverse proxy of proxy.ts, as behind a load balancer (docs/deployment.md,
// "Local cluster"). Used by `npm run cluster` (scripts/cluster.ts), the
// cluster integration test (with the lean test server as `command`) and the
// soak benchmark. The caller prepares the database (migrations, first admin)
// and passes what every instance must share: DATABASE_URL, WARDEN_URL (the
// proxy's URL), WARDEN_SECRET, WARDEN_KEK, and WARDEN_TRUSTED_PROXIES naming
// the proxy's address so that the clients' addresses reach Warden.
import { freePort, ROOT, spawnInstance, startScriptCommand, stopInstance, waitUntilHealthy, type ClusterInstance, type InstanceCommand, type SpawnedInstance } from "./instances";
import { startProxy, type ProxyEvent, type ReverseProxy } from "./proxy";

export type { ClusterInstance, InstanceCommand } from "./instances";
export { startScriptCommand } from "./instances";

export type Cluster = {
  /** the proxy's URL */
  url: string;
  instances: ClusterInstance[];
  stop: () => Promise<void>;
  /** the proxy itself: which upstreams it believes up, and how many responses each began */
  proxy: ReverseProxy;
};

export type StartClusterOptions = {
  /** how many instances, e.g. 3 */
  instances: number;
  /** the common environment (DATABASE_URL, WARDEN_URL = the proxy's URL, WARDEN_SECRET, WARDEN_KEK, WARDEN_TRUSTED_PROXIES=127.0.0.1 …) */
  env: Record<string, string>;
  /** 0 or undefined: any free port */
  proxyPort?: number;
  /** default: the production server as `npm start` runs it, after building the app once if its sources changed */
  command?: InstanceCommand;
  readyTimeoutMs?: number;
  /** instance i listens on basePort + i; undefined: free ports */
  basePort?: number;
  /** the address the proxy binds (default 127.0.0.1) */
  proxyHost?: string;
  /** every chunk an instance prints, as it prints it */
  onOutput?: (index: number, text: string) => void;
  onProxyEvent?: (event: ProxyEvent) => void;
};

/** How long a stopped instance may drain (Warden's default grace period is 10 s) before it is killed. */
const STOP_GRACE_MS = 20_000;

/**
 * The production server's preparation, done once for all instances: the
 * Prisma clients and the Next.js build. Each instance's scripts/start.ts would
 * otherwise find them stale and regenerate or rebuild them at the same time
 * as the others, in the same directories.
 */
export async function prepareProductionServer(log: (line: string) => void = () => {}): Promise<void> {
  const { generateClients } = await import("@/lib/db/migrate/generate-client");
  const { buildApp, buildIsCurrent } = await import("@/lib/server/build");
  if (generateClients()) log("Generated the Prisma clients");
  if (!buildIsCurrent(ROOT)) {
    log("Building the app once for every instance (sources changed since the last build)…");
    buildApp(ROOT);
  }
}

export async function startCluster(options: StartClusterOptions): Promise<Cluster> {
  if (!Number.isInteger(options.instances) || options.instances < 1) throw new Error(`instances must be a positive integer, not ${options.instances}`);
  const command = options.command ?? startScriptCommand;
  if (!options.command) await prepareProductionServer((line) => console.log(line));
  const ports: number[] = [];
  for (let index = 0; index < options.instances; index += 1) ports.push(options.basePort ? options.basePort + index : await freePort());
  // the proxy first: its URL is the public one when the caller left WARDEN_URL to it
  const proxy = await startProxy({ upstreams: ports.map((port) => `http://127.0.0.1:${port}`), port: options.proxyPort, host: options.proxyHost, onEvent: options.onProxyEvent });
  const env = { WARDEN_URL: proxy.url, ...options.env };
  const spawned: SpawnedInstance[] = ports.map((port, index) => spawnInstance({ index, port, command, env, onOutput: options.onOutput }));
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(spawned.map((instance) => stopInstance(instance, STOP_GRACE_MS)));
      await proxy.close();
    })());
  try {
    await Promise.all(spawned.map((instance) => waitUntilHealthy(instance, options.readyTimeoutMs ?? 120_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  const instances: ClusterInstance[] = spawned.map(({ index, port, url, pid, kill, exited, output }) => ({ index, port, url, pid, kill, exited, output }));
  return { url: proxy.url, instances, stop, proxy };
}
