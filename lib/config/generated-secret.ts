// A random 32-byte secret kept in the data directory, for development setups
// that did not configure one: created on first use (mode 0600, never
// overwritten, so concurrent processes agree on the first one written).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/config/env";

/** The secret in `<data dir>/<name>` (base64url), and whether this call created the file. */
export function generatedSecret(name: string): { value: string; file: string; created: boolean } {
  const file = path.join(dataDir(), name);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return { value: fs.readFileSync(file, "utf8").trim(), file, created };
}
