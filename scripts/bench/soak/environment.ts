// The environment of a soak phase's instances, on a fresh database: this
// process is pointed at it (through the token benchmark's pointAtWarden, so
// every benchmark runs Warden with the same production settings) to seed it,
// and the instances get the same public URL (the cluster proxy's), secrets
// and database.
import crypto from "node:crypto";
import { resetEnvCache } from "@/lib/config/env";
import type { Scratch } from "@/scripts/bench/scratch-target";
import { pointAtWarden } from "@/scripts/bench/token/warden-setup";

// The rate limiter still counts every request (its bookkeeping is part of what
// is measured); the limits are set out of reach because a handful of clients
// at one address asking thousands of times a minute is the benchmark, not abuse.
const OUT_OF_REACH = "1000000000/1m";
export const RAISED_LIMITS = {
  WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: OUT_OF_REACH,
  WARDEN_RATE_LIMIT_TOKEN_PER_IP: OUT_OF_REACH,
  WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: OUT_OF_REACH,
  WARDEN_RATE_LIMIT_INGEST_PER_IP: OUT_OF_REACH,
  WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT: OUT_OF_REACH,
  WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP: OUT_OF_REACH,
};

// One set of secrets for every phase of a run: this process keeps the session
// secret it first signed cookies with (lib/auth/secret.ts), so a second phase
// with fresh secrets would seed cookies its instances cannot read.
const SECRETS = { WARDEN_SECRET: crypto.randomBytes(32).toString("base64url"), WARDEN_KEK: crypto.randomBytes(32).toString("base64url") };

/**
 * Points this process at `scratch` with production settings and returns the
 * instances' environment (the same database, URL and secrets, warn-level logs).
 */
export function pointAtScratch(scratch: Scratch, publicUrl: string): Record<string, string> {
  const port = Number(new URL(publicUrl).port);
  const env = pointAtWarden({ dataDir: scratch.dataDir, port, publicUrl });
  Object.assign(env, RAISED_LIMITS, SECRETS, { WARDEN_TRUSTED_PROXIES: "127.0.0.1" });
  Object.assign(process.env, RAISED_LIMITS, SECRETS);
  if (scratch.target.provider === "postgresql") env.DATABASE_URL = process.env.DATABASE_URL = scratch.target.url;
  resetEnvCache();
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
