// npm run cluster — Warden scaled out on one machine (docs/deployment.md,
// "Local cluster"): N production instances (`npm start`'s scripts/start.ts) on
// one PostgreSQL database behind a small reverse proxy (scripts/cluster/proxy.ts)
// whose URL is WARDEN_URL. Done once, before the instances start: create the
// database if it is missing, generate the Prisma clients and build the app if
// needed, apply the migrations, create the first admin (printing its one-time
// password as `npm start` does). Secrets not given in the environment are
// generated into the cluster's data directory and shared, never printed.
// Ctrl-C stops every instance gracefully, then the proxy.
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { ConfigError, env, publicUrl, resetEnvCache } from "@/lib/config/env";
import { generatedSecret } from "@/lib/config/generated-secret";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { describeTarget, resolveDbTarget } from "@/lib/db/target";
import { printFirstRunBanner } from "@/scripts/lib/banner";
import { prepareProductionServer, startCluster, type Cluster } from "@/scripts/cluster/start-cluster";
import { exitOnError } from "@/scripts/lib/exit-on-error";

const DUPLICATE_SIGNAL_MS = 500;
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/warden_cluster";
const USAGE = `Usage: npm run cluster -- [--instances 3] [--port 3000] [--base-port 3101] [--data-dir ./data/cluster]

Starts N Warden instances (production build) on one PostgreSQL database behind a local
round-robin reverse proxy. Instance i listens on base-port + i - 1; the proxy on --port
(default $PORT or 3000) is Warden's public URL (WARDEN_URL, default http://localhost:<port>).
DATABASE_URL defaults to ${DEFAULT_DATABASE_URL} (created if missing).
WARDEN_SECRET and WARDEN_KEK, when unset, are generated into the data directory.
Ctrl-C stops every instance gracefully.`;

const port = z.coerce.number().int().min(1).max(65535);
const ZOptions = z
  .object({
    instances: z.coerce.number().int().min(1).max(16),
    port,
    basePort: port,
    dataDir: z.string().min(1),
    help: z.boolean(),
  })
  .refine((options) => options.basePort + options.instances - 1 <= 65535, { message: "the instances' ports run past 65535", path: ["basePort"] })
  .refine((options) => options.port < options.basePort || options.port >= options.basePort + options.instances, { message: "the proxy's port is one of the instances' ports", path: ["port"] });

function parsedArgs() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        instances: { type: "string", default: "3" },
        port: { type: "string", default: process.env.PORT || "3000" },
        "base-port": { type: "string", default: "3101" },
        "data-dir": { type: "string", default: process.env.WARDEN_DATA_DIR || "./data/cluster" },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function options() {
  const values = parsedArgs();
  const parsed = ZOptions.safeParse({ instances: values.instances, port: values.port, basePort: values["base-port"], dataDir: values["data-dir"], help: values.help });
  if (!parsed.success) throw new ConfigError(`Invalid options:\n${parsed.error.issues.map((issue) => `  --${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`).join("\n")}\n\n${USAGE}`);
  return parsed.data;
}

/** Creates the database DATABASE_URL names when it does not exist, through the server's `postgres` database. */
async function ensureDatabase(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: invalid_catalog_name, no such database
  } finally {
    await probe.end().catch(() => undefined);
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new ConfigError(`DATABASE_URL: will not create a database named ${JSON.stringify(name)}; create it yourself`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return true;
}

/** Passes an instance's output on, each line prefixed with its number. */
function printer(): (index: number, text: string) => void {
  const partial = new Map<number, string>();
  return (index, text) => {
    const lines = ((partial.get(index) ?? "") + text).split("\n");
    partial.set(index, lines.pop()!);
    for (const line of lines) process.stdout.write(`[warden-${index + 1}] ${line}\n`);
  };
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  // what every instance must share (docs/deployment.md, "What every instance must share")
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  process.env.WARDEN_DATA_DIR = path.resolve(opts.dataDir);
  process.env.WARDEN_URL ||= `http://localhost:${opts.port}`;
  // the proxy connects from 127.0.0.1: its X-Forwarded-For carries the clients' addresses
  process.env.WARDEN_TRUSTED_PROXIES ||= "127.0.0.1";
  resetEnvCache();
  if (env().WARDEN_ENV !== "production") {
    process.env.WARDEN_SECRET ||= generatedSecret("session-secret").value;
    process.env.WARDEN_KEK ||= generatedSecret("kek").value;
    resetEnvCache();
  }
  const settings = env();
  if (!settings.DATABASE_URL) throw new ConfigError("DATABASE_URL: the cluster needs PostgreSQL");

  if (await ensureDatabase(settings.DATABASE_URL)) console.log(`Created the database ${describeTarget(resolveDbTarget(settings))}`);
  await prepareProductionServer((line) => console.log(line));
  const target = resolveDbTarget(settings);
  const applied = await applyMigrations(target);
  console.log(`Database: ${describeTarget(target)} (${applied.length ? `applied ${applied.join(", ")}` : "up to date"})`);
  // imported after migrations: these modules open the database
  const { ensureFirstAdmin } = await import("@/lib/bootstrap/ensure-first-admin");
  const { disconnectDb } = await import("@/lib/db/client");
  const firstRun = await ensureFirstAdmin({ email: settings.WARDEN_ADMIN_EMAIL });
  await disconnectDb();

  console.log(`Starting ${opts.instances} instances on ports ${opts.basePort}–${opts.basePort + opts.instances - 1} behind the proxy on port ${opts.port}…`);
  const instanceEnv = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const cluster: Cluster = await startCluster({
    instances: opts.instances,
    env: instanceEnv,
    proxyPort: opts.port,
    proxyHost: settings.WARDEN_HOST,
    basePort: opts.basePort,
    readyTimeoutMs: 300_000,
    onOutput: printer(),
    onProxyEvent: (event) => console.log(`[proxy] instance ${event.upstream.index + 1} (${event.upstream.url}) is ${event.kind}${event.reason ? ` (${event.reason})` : ""}`),
  });
  if (firstRun.created) printFirstRunBanner(firstRun.email, firstRun.temporaryPassword, publicUrl());
  let stoppingSince = 0;
  console.log(`\nWarden cluster: ${publicUrl()} (proxy listening on ${cluster.url})`);
  for (const instance of cluster.instances) {
    console.log(`  instance ${instance.index + 1}: ${instance.url}  pid ${instance.pid}`);
    void instance.exited.then((code) => {
      if (!stoppingSince) console.log(`[cluster] instance ${instance.index + 1} (pid ${instance.pid}) exited${code === null ? " (killed by a signal)" : ` with code ${code}`}; the proxy routes around it`);
    });
  }
  console.log(`Data directory ${settings.WARDEN_DATA_DIR}; Ctrl-C stops every instance.\n`);

  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // a Ctrl-C reaches npm and tsx too, which pass it on: copies of the first come within milliseconds
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_MS) return;
      // a second Ctrl-C: do not wait for the drain (the instances are killed as this process exits)
      process.exit(130);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping the instances (each drains its requests), then the proxy…`);
    void cluster.stop().then(() => {
      console.log("Stopped.");
      process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch(exitOnError);
