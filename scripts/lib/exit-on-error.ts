// How a long-running script ends on an error it did not handle: a settings
// problem (ConfigError) prints its message alone and exits 78 (EX_CONFIG, the
// exit code service managers read as "fix the configuration, do not restart");
// anything else prints the error and exits 1.
import { ConfigError } from "@/lib/config/env";

export function exitOnError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
}
