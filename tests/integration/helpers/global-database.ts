// Points this worker's shared client (`db()`, which route handlers and domain
// functions use) at another database for the duration of `fn`, then back. Use it
// with withFreshDatabase for API tests that need an otherwise empty database
// (e.g. "the last active admin"). Tests in one file run one after another, so
// nothing else in this worker uses db() meanwhile.
import path from "node:path";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import type { DbTarget } from "@/lib/db/target";

export async function withGlobalDatabase<T>(target: DbTarget, fn: () => Promise<T>): Promise<T> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, WARDEN_DATA_DIR: process.env.WARDEN_DATA_DIR };
  const restore = (name: keyof typeof saved) => {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  };
  await disconnectDb();
  if (target.provider === "postgresql") {
    process.env.DATABASE_URL = target.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.WARDEN_DATA_DIR = path.dirname(target.file);
  }
  resetEnvCache();
  try {
    return await fn();
  } finally {
    await disconnectDb();
    restore("DATABASE_URL");
    restore("WARDEN_DATA_DIR");
    resetEnvCache();
  }
}
