// Structured JSON logs (docs/observability.md). Known secret-bearing fields are
// redacted by path as a second line of defence; the first is never passing
// secrets to the logger. Lines written while a request context is active
// (lib/http/request-context.ts) carry its requestId; request handlers that
// log pass theirs, and the server writes one access line per request at
// debug level (lib/metrics/http.ts).
import pino from "pino";
import { env } from "@/lib/config/env";
import { currentRequestContext } from "@/lib/http/request-context";

const slot = Symbol.for("warden.logger");
type Global = { [slot]?: pino.Logger };

/** Field names whose values are secrets wherever they appear (top level or one object down). */
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "temporaryPassword",
  "passwordHash",
  "secret",
  "secretEnc",
  "clientSecret",
  "client_secret",
  "token",
  "tokenHash",
  "access_token",
  "refresh_token",
  "id_token",
  "subject_token",
  "actor_token",
  "client_assertion",
  "assertion",
  "authorization",
  "cookie",
  "dpop",
  "privateKey",
  "private_key",
  "privateJwk",
  "encryptedPrivateKey",
  "kek",
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  // request and response headers, also one object down (req.headers, err.config.headers)
  ...["authorization", "cookie", "dpop", '["set-cookie"]', '["proxy-authorization"]'].flatMap((header) => {
    const path = header.startsWith("[") ? `headers${header}` : `headers.${header}`;
    return [path, `*.${path}`];
  }),
  // the private part of a JWK ("d"), only where a JWK is: a bare "d" is too common a name
  "jwk.d",
  "*.jwk.d",
  "key.d",
  "*.key.d",
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? env().WARDEN_LOG_LEVEL,
    base: { service: "warden" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // fields given to the call win over these (pino merges them into this object: a new one each time)
    mixin: () => {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId } : {};
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export function logger(): pino.Logger {
  const holder = globalThis as Global;
  holder[slot] ??= createLogger();
  return holder[slot];
}

/** Replaces the process's logger (tests capture lines with it); null goes back to the default on next use. */
export function useLogger(replacement: pino.Logger | null): void {
  const holder = globalThis as Global;
  if (replacement) holder[slot] = replacement;
  else delete holder[slot];
}
