// npm start — everything a fresh clone needs, in order: check the settings,
// generate the Prisma clients, build the app if its sources changed, create and
// migrate the database, create the first admin if there is none, and listen;
// SIGTERM or SIGINT drains and exits (lib/server/shutdown.ts).
// `--dev` runs Next.js in development mode instead of building.
// WARDEN_ROLE=machine starts a machine-plane instance: no build, no Next.js,
// no first admin (docs/deployment.md, "Machine-plane instances").
import { env, publicUrl } from "@/lib/config/env";
import { generateClients } from "@/lib/db/migrate/generate-client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { describeTarget, resolveDbTarget } from "@/lib/db/target";
import { buildApp, buildIsCurrent } from "@/lib/server/build";
import { printFirstRunBanner } from "@/scripts/lib/banner";
import { exitOnError } from "@/scripts/lib/exit-on-error";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!dev) (process.env as Record<string, string>).NODE_ENV = "production";

async function main(): Promise<void> {
  const settings = env();
  process.env.NEXTAUTH_URL = publicUrl();
  const root = process.cwd();
  const machine = settings.WARDEN_ROLE === "machine";
  if (generateClients()) console.log("Generated the Prisma clients");
  if (!dev && !machine && !buildIsCurrent(root)) {
    console.log("Building the app (sources changed since the last build)…");
    buildApp(root);
  }
  const target = resolveDbTarget(settings);
  const applied = await applyMigrations(target);
  console.log(`Database: ${describeTarget(target)} (${applied.length ? `applied ${applied.join(", ")}` : "up to date"})`);

  // Imported after migrations: these modules open the database.
  const { ensureFirstAdmin } = await import("@/lib/bootstrap/ensure-first-admin");
  const { startHttpServer } = await import("@/lib/server/http-server");
  const { FAST_ROUTES } = await import("@/lib/server/fast-routes");
  const { ensureSigningKeys } = await import("@/lib/signing-keys/rotate-signing-key");
  // the console's first admin is made by an instance that serves the console
  const firstRun = machine ? { created: false as const } : await ensureFirstAdmin({ email: settings.WARDEN_ADMIN_EMAIL });
  const createdKeys = await ensureSigningKeys();
  if (createdKeys.length) console.log(`Created signing keys: ${createdKeys.join(", ")}`);
  const { resumeGenerations } = await import("@/lib/campaigns/generate-items");
  const resumed = await resumeGenerations();
  if (resumed.length) console.log(`Resuming the item generation of campaigns ${resumed.join(", ")}`);
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  const stopScheduler = startScheduler();
  if (firstRun.created) printFirstRunBanner(firstRun.email, firstRun.temporaryPassword, publicUrl());
  if (machine) console.log("Machine-plane instance (WARDEN_ROLE=machine): OAuth, JWKS, metadata, policy and health endpoints only; no console");
  if (settings.WARDEN_ENV === "development" && !settings.WARDEN_SECRET) {
    console.warn("WARNING: WARDEN_SECRET is not set; using a generated session secret stored in the data directory (development only).");
  }
  const server = await startHttpServer({ dev, dir: root, fastRoutes: FAST_ROUTES });
  const { installGracefulShutdown } = await import("@/lib/server/shutdown");
  const { closeDatabase } = await import("@/lib/oauth/writer/sqlite-writer");
  installGracefulShutdown({ server, graceSeconds: settings.WARDEN_SHUTDOWN_GRACE_SECONDS, stopScheduler, disconnect: closeDatabase });
  console.log(`Warden is listening on http://${settings.WARDEN_HOST}:${settings.PORT} (public URL ${publicUrl()})`);
}

main().catch(exitOnError);
