// Which database this process uses: the embedded SQLite file by default, or
// PostgreSQL when DATABASE_URL is a postgres:// URL.
import path from "node:path";
import { dataDir, env, type Env } from "@/lib/config/env";

export type Provider = "sqlite" | "postgresql";

export type DbTarget =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

export function resolveDbTarget(e: Env = env()): DbTarget {
  if (e.DATABASE_URL) return { provider: "postgresql", url: e.DATABASE_URL };
  return { provider: "sqlite", file: path.join(dataDir(e), "warden.db") };
}

/** A description safe to print: no password. */
export function describeTarget(target: DbTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.file}`;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}
