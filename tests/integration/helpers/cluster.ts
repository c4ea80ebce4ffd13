// A cluster of lean Warden instances (helpers/app-instance.ts) for the
// scale-out tests: N processes on one fresh database of their own (the
// scheduler's leases and jobs, and the kill, must not reach into other test
// files' data), behind the cluster proxy of scripts/cluster, whose URL is
// Warden's public URL — the issuer clients sign for, the htu of DPoP proofs,
// the origin of sessions. WARDEN_TRUSTED_PROXIES names the proxy's address,
// as a deployment behind a load balancer must.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@/scripts/cluster/instances";
import { startCluster, type Cluster, type ClusterInstance, type InstanceCommand } from "@/scripts/cluster/start-cluster";
import { openIsolatedDatabase, type IsolatedDatabase } from "./isolated-instance";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The lean test server in place of `npm start` (no Next.js build): one node process per instance. */
export const leanInstanceCommand: InstanceCommand = (_index, port) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.join(root, "tests", "integration", "helpers", "app-instance.ts")],
  env: { NODE_ENV: "test", TSX_TSCONFIG_PATH: path.join(root, "tsconfig.node.json"), WARDEN_TEST_INSTANCE_PORT: String(port) },
});

export type TestCluster = { cluster: Cluster; database: IsolatedDatabase; issuer: string; close: () => Promise<void> };

/**
 * Opens a fresh database with the proxy's URL as this worker's public URL,
 * then starts `instances` lean instances and the proxy, all sharing the
 * database, the URL, WARDEN_SECRET and WARDEN_KEK.
 */
export async function startTestCluster(options: { instances: number; env?: Record<string, string> }): Promise<TestCluster> {
  const proxyPort = await freePort();
  const issuer = `http://127.0.0.1:${proxyPort}`;
  const database = await openIsolatedDatabase(issuer);
  try {
    const env = database.instanceEnv({ WARDEN_TRUSTED_PROXIES: "127.0.0.1", ...options.env });
    const cluster = await startCluster({ instances: options.instances, env, proxyPort, command: leanInstanceCommand, readyTimeoutMs: 90_000 });
    return {
      cluster,
      database,
      issuer,
      close: async () => {
        await cluster.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type JobRun = { job: string; instance: number; at: number };

/** The scheduler's "scheduled job ran" log lines, from each instance's own output. */
export function jobRuns(instances: ClusterInstance[]): JobRun[] {
  const runs: JobRun[] = [];
  for (const instance of instances) {
    for (const line of instance.output().split("\n")) {
      // the last line may still be arriving
      if (!line.includes('"scheduled job ran"') || !line.endsWith("}")) continue;
      const entry = JSON.parse(line) as { time: string; job: string };
      runs.push({ job: entry.job, instance: instance.index, at: Date.parse(entry.time) });
    }
  }
  return runs.sort((a, b) => a.at - b.at);
}
