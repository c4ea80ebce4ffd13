// Warden's settings, parsed once from the environment with zod. A missing or
// malformed setting fails fast with a message naming the variable; README.md
// lists every variable with its default.
import path from "node:path";
import { z } from "zod";
import { entryProblem } from "@/lib/http/outbound/policy";
import { parseRateLimit } from "@/lib/rate-limit/window";
import { proxyEntryProblem } from "@/lib/server/trusted-proxies";

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

/** A rate limit (lib/rate-limit/window.ts): "600/1m", "10/15m", a bare number per the default window, or 0/off; null when off. */
const rateLimit = (fallback: string, defaultWindowSeconds: number) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const parsed = parseRateLimit(text, defaultWindowSeconds);
      if (parsed && "problem" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed;
    });

const outboundList = (list: "allow" | "deny") =>
  csv.superRefine((entries, ctx) => {
    for (const entry of entries) {
      const problem = entryProblem(entry, list);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
  });

export const ZEnv = z
  .object({
    WARDEN_ENV: z.enum(["development", "production"]).default("development"),
    // "machine": only the machine-facing endpoints, no console and no Next.js (docs/deployment.md, "Machine-plane instances")
    WARDEN_ROLE: z.enum(["all", "machine"]).default("all"),
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
    // during a KEK rotation: the key secrets were sealed with before WARDEN_KEK (lib/signing-keys/kek.ts)
    WARDEN_KEK_PREVIOUS: z
      .string()
      .optional()
      .refine((value) => value === undefined || Buffer.from(value, "base64url").length === 32, { message: "must be 32 random bytes, base64url-encoded, like WARDEN_KEK" }),
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
    // on SIGTERM/SIGINT, how long requests in flight may take before their connections are cut (docs/reliability.md)
    WARDEN_SHUTDOWN_GRACE_SECONDS: intWithDefault(10, 0, 3600),
    WARDEN_LOGIN_MAX_ATTEMPTS: intWithDefault(5, 1, 100),
    WARDEN_LOGIN_LOCKOUT_SECONDS: intWithDefault(60, 1, 24 * 3600),
    // rate limits, counted in the database across instances (docs/security.md, "Rate limits"); 0 turns one off
    WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: rateLimit("600/1m", 60),
    WARDEN_RATE_LIMIT_TOKEN_PER_IP: rateLimit("6000/1m", 60),
    WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT: rateLimit("6000/1m", 60),
    WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP: rateLimit("12000/1m", 60),
    WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: rateLimit("600/1m", 60),
    WARDEN_RATE_LIMIT_INGEST_PER_IP: rateLimit("6000/1m", 60),
    WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL: rateLimit("20/15m", 900),
    WARDEN_RATE_LIMIT_SIGN_IN_PER_IP: rateLimit("100/15m", 900),
    WARDEN_TRUSTED_PROXIES: csv.superRefine((entries, ctx) => {
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
    }),
    // mTLS (docs/guides/mtls.md): the header a trusted proxy forwards the verified client certificate in
    // (nginx: proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert), believed only from WARDEN_TRUSTED_PROXIES
    WARDEN_MTLS_CERT_HEADER: z
      .string()
      .trim()
      .toLowerCase()
      .default("x-ssl-client-cert")
      .refine((value) => /^[a-z0-9-]{1,64}$/.test(value) && !value.startsWith("x-warden-"), { message: "must be an HTTP header name (letters, digits, -) not starting with x-warden-" }),
    // tls_client_auth: PEM file of the CA certificates client certificates must be issued by
    WARDEN_MTLS_CA_FILE: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined)),
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
    // outbound requests (docs/outbound-requests.md): live discovery, webhooks, audit forwarding
    WARDEN_OUTBOUND_ALLOW: outboundList("allow"),
    WARDEN_OUTBOUND_DENY: outboundList("deny"),
    // unset: allowed outside production only (local MCP servers and receivers in development and tests)
    WARDEN_OUTBOUND_ALLOW_PRIVATE: z
      .enum(["true", "false"], { message: "must be true or false" })
      .optional()
      .transform((value) => (value === undefined ? undefined : value === "true")),
    WARDEN_OUTBOUND_TIMEOUT_MS: intWithDefault(10_000, 100, 300_000),
    WARDEN_OUTBOUND_MAX_BYTES: intWithDefault(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
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
    if (env.WARDEN_KEK_PREVIOUS && (!env.WARDEN_KEK || env.WARDEN_KEK_PREVIOUS === env.WARDEN_KEK)) {
      ctx.addIssue({ code: "custom", path: ["WARDEN_KEK_PREVIOUS"], message: "is only meaningful next to a different WARDEN_KEK (the new key) while rotating" });
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
