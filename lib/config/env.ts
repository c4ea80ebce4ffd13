// Warden's settings, parsed once from the environment with zod. A missing or
// malformed setting fails fast with a message naming the variable; README.md
// lists every variable with its default.
import path from "node:path";
import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.url({ protocol: /^https?$/ }).optional());

const intWithDefault = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const ZEnv = z
  .object({
    WARDEN_ENV: z.enum(["development", "production"]).default("development"),
    PORT: intWithDefault(3000, 1, 65535),
    WARDEN_HOST: z.string().min(1).default("127.0.0.1"),
    WARDEN_URL: optionalUrl,
    WARDEN_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || /^(postgres|postgresql):\/\//.test(value), {
        message: "must be a postgres:// or postgresql:// URL (leave it unset for the embedded SQLite database)",
      }),
    WARDEN_KEK: z
      .string()
      .optional()
      .refine((value) => value === undefined || Buffer.from(value, "base64url").length === 32, { message: "must be 32 random bytes, base64url-encoded (e.g. openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')" }),
    WARDEN_SIGNING_ALG: z.enum(["ES256", "EdDSA", "PS256"]).default("ES256"),
    // RFC 7523 lets the assertion's aud be the token endpoint URL; Warden wants its issuer identifier unless this is on
    WARDEN_ASSERTION_AUD_TOKEN_ENDPOINT: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("false")
      .transform((value) => value === "true"),
    WARDEN_SECRET: z
      .string()
      .optional()
      .refine((value) => value === undefined || value.length >= 32, { message: "must be at least 32 characters" }),
    WARDEN_ADMIN_EMAIL: z.email().default("admin@warden.local"),
    WARDEN_SESSION_MAX_AGE_SECONDS: intWithDefault(12 * 3600, 300, 30 * 24 * 3600),
    WARDEN_MAX_BODY_BYTES: intWithDefault(1024 * 1024, 1024, 64 * 1024 * 1024),
    WARDEN_LOGIN_MAX_ATTEMPTS: intWithDefault(5, 1, 100),
    WARDEN_LOGIN_LOCKOUT_SECONDS: intWithDefault(60, 1, 24 * 3600),
    WARDEN_TRUSTED_PROXIES: csv,
    WARDEN_OIDC_ISSUER: optionalUrl,
    WARDEN_OIDC_CLIENT_ID: z.string().optional(),
    WARDEN_OIDC_CLIENT_SECRET: z.string().optional(),
    WARDEN_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    WARDEN_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // notifications (docs/notifications.md): campaign emails go out only when this is set
    WARDEN_SMTP_URL: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .pipe(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587" }).optional()),
    WARDEN_SMTP_FROM: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined)),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.WARDEN_OIDC_ISSUER, env.WARDEN_OIDC_CLIENT_ID, env.WARDEN_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["WARDEN_OIDC_ISSUER"],
        message: "WARDEN_OIDC_ISSUER, WARDEN_OIDC_CLIENT_ID and WARDEN_OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (env.WARDEN_ENV === "production" && !env.WARDEN_KEK) {
      ctx.addIssue({
        code: "custom",
        path: ["WARDEN_KEK"],
        message: "is required when WARDEN_ENV=production: it encrypts Warden's signing keys at rest (development generates one in the data directory)",
      });
    }
    if (env.WARDEN_ENV === "production" && !env.WARDEN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["WARDEN_SECRET"],
        message: "is required when WARDEN_ENV=production (development generates one in the data directory)",
      });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

const cache = Symbol.for("warden.env");
type Holder = { [cache]?: Env };

/** The parsed environment of this process (parsed on first use). */
export function env(): Env {
  const holder = globalThis as Holder;
  holder[cache] ??= parseEnv();
  return holder[cache];
}

/** Forget the parsed environment; tests and the CLI call this after changing process.env. */
export function resetEnvCache(): void {
  delete (globalThis as Holder)[cache];
}

export function dataDir(e: Env = env()): string {
  return path.resolve(e.WARDEN_DATA_DIR);
}

export function publicUrl(e: Env = env()): string {
  return (e.WARDEN_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.WARDEN_OIDC_ISSUER && e.WARDEN_OIDC_CLIENT_ID && e.WARDEN_OIDC_CLIENT_SECRET);
}
