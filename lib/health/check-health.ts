// Health: is the database reachable and migrated? Reports no secrets and no
// connection strings, only the provider and timings.
import { db, dbProvider } from "@/lib/db/client";
import { WARDEN_VERSION } from "@/lib/runtime/version";

export type HealthReport = {
  status: "ok" | "degraded";
  version: string;
  uptimeSeconds: number;
  database: { provider: string; status: "ok" | "error"; latencyMs: number | null; error?: string };
};

export async function checkHealth(): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    await db().auditHead.findUnique({ where: { id: 1 }, select: { id: true } });
    database = { provider: dbProvider(), status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    database = { provider: dbProvider(), status: "error", latencyMs: null, error: "The database is unreachable or not migrated" };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    version: WARDEN_VERSION,
    uptimeSeconds: Math.round(process.uptime()),
    database,
  };
}
