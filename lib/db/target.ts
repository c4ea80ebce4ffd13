// Which database this process uses: the embedded SQLite file by default, or
// PostgreSQL when DATABASE_URL is a postgres:// URL.
import path from "node:path";
import { dataDir, env, type Env } from "@/lib/config/env";

export type Provider = "sqlite" | "postgresql";

export type DbTarget =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

// db() resolves the target on every call (hot paths call it per request); env() is cached, so remember per env
const resolved = new WeakMap<Env, DbTarget>();

export function resolveDbTarget(e: Env = env()): DbTarget {
  let target = resolved.get(e);
  if (target) return target;
  target = e.DATABASE_URL ? { provider: "postgresql", url: e.DATABASE_URL } : { provider: "sqlite", file: path.join(dataDir(e), "warden.db") };
  resolved.set(e, target);
  return target;
}

/** A description safe to print: no password. */
export function describeTarget(target: DbTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.file}`;
  const url = new URL(target.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}
