// Structured JSON logs. Known secret-bearing fields are redacted by path as a
// second line of defence; the first is never passing secrets to the logger.
import pino from "pino";
import { env } from "@/lib/config/env";

const slot = Symbol.for("warden.logger");
type Global = { [slot]?: pino.Logger };

export const REDACT_PATHS = [
  "password",
  "*.password",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "*.headers.cookie",
  "passwordHash",
  "*.passwordHash",
];

export function logger(): pino.Logger {
  const holder = globalThis as Global;
  holder[slot] ??= pino({
    level: env().WARDEN_LOG_LEVEL,
    base: { service: "warden" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return holder[slot];
}
