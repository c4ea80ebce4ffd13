// A Warden instance in a child process (helpers/app-instance.ts) on a database
// of its own: a fresh database of the project's provider, which this worker's
// db() also points at until close(), so the test seeds and checks the same
// data the instance serves. Its own database because the instance runs the
// scheduler (whose leases and jobs would reach into other test files' data)
// and is killed or shut down mid-write.
import path from "node:path";
import { resetEnvCache } from "@/lib/config/env";
import type { DbTarget } from "@/lib/db/target";
import { keyEncryptionKey } from "@/lib/signing-keys/kek";
import { withFreshDatabase } from "./fresh-database";
import { withGlobalDatabase } from "./global-database";
import { startOAuthInstance, type OAuthInstance } from "./warden-process";

export type IsolatedDatabase = {
  target: DbTarget;
  /** the environment of an instance on this database, as `npm start` would be configured */
  instanceEnv: (extra?: Record<string, string>) => Record<string, string>;
  close: () => Promise<void>;
};

/** Opens the fresh database and makes `issuer` this worker's public URL (clients sign for it) until close(). */
export async function openIsolatedDatabase(issuer: string): Promise<IsolatedDatabase> {
  const savedUrl = process.env.WARDEN_URL;
  let opened!: (target: DbTarget) => void;
  let release!: () => void;
  const ready = new Promise<DbTarget>((resolve) => (opened = resolve));
  const held = new Promise<void>((resolve) => (release = resolve));
  const done = withFreshDatabase((_client, target) =>
    withGlobalDatabase(target, () => {
      process.env.WARDEN_URL = issuer;
      resetEnvCache();
      opened(target);
      return held;
    }),
  );
  const target = await Promise.race([ready, done.then(() => Promise.reject(new Error("the fresh database closed before it opened")))]);
  const kek = keyEncryptionKey().toString("base64url");
  return {
    target,
    instanceEnv: (extra = {}) => ({
      WARDEN_URL: issuer,
      WARDEN_SECRET: process.env.WARDEN_SECRET!,
      // the key that encrypts the signing keys this worker and the instance create in the database
      WARDEN_KEK: kek,
      ...(target.provider === "postgresql" ? { DATABASE_URL: target.url, WARDEN_DATA_DIR: process.env.WARDEN_DATA_DIR! } : { WARDEN_DATA_DIR: path.dirname(target.file) }),
      WARDEN_LOG_LEVEL: "info",
      ...extra,
    }),
    close: async () => {
      release();
      await done;
      if (savedUrl === undefined) delete process.env.WARDEN_URL;
      else process.env.WARDEN_URL = savedUrl;
      resetEnvCache();
    },
  };
}

/** Starts an instance (helpers/app-instance.ts) with `env`. */
export function startAppInstance(env: Record<string, string>): Promise<OAuthInstance> {
  return startOAuthInstance(env, { script: "tests/integration/helpers/app-instance.ts", timeoutMs: 60_000 });
}

/** How the instance's process ended, once it has (at: when this process heard of it). */
export function exitOf(child: OAuthInstance["child"]): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, at: Date.now() });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}
