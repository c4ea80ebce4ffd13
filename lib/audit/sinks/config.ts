// The deployment's settings for audit sinks. They are read here rather than in
// lib/config/env.ts because this module owns them; both are read on each use,
// so a changed environment (tests, the CLI) applies without a restart.
//   WARDEN_AUDIT_SINK_DIR          where file sinks may write (default <data dir>/audit-sinks)
//   WARDEN_AUDIT_SINK_ALLOW_HTTP   "true": webhook sinks may use plain http to any host, outside production only
import path from "node:path";
import { z } from "zod";
import { dataDir, env } from "@/lib/config/env";

const ZSinkEnv = z.object({
  WARDEN_AUDIT_SINK_DIR: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined)),
  WARDEN_AUDIT_SINK_ALLOW_HTTP: z.enum(["true", "false"], { message: "must be true or false" }).default("false"),
});

function sinkEnv() {
  const parsed = ZSinkEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return parsed.data;
}

/** The directory file sinks write under (absolute). */
export function auditSinkDir(): string {
  const configured = sinkEnv().WARDEN_AUDIT_SINK_DIR;
  return configured ? path.resolve(configured) : path.join(dataDir(), "audit-sinks");
}

/** Plain http to a non-loopback host: only when asked for, and never in production (audit records name people and addresses). */
export function plainHttpAllowed(): boolean {
  return env().WARDEN_ENV !== "production" && sinkEnv().WARDEN_AUDIT_SINK_ALLOW_HTTP === "true";
}
