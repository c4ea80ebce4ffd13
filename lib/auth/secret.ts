// The secret that signs session cookies. Production requires WARDEN_SECRET (all
// instances must share it); development generates one into the data directory
// on first use so the quick start needs no configuration.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "@/lib/config/env";

const slot = Symbol.for("warden.sessionSecret");
type Global = { [slot]?: string };

export function sessionSecret(): string {
  const holder = globalThis as Global;
  if (holder[slot]) return holder[slot];
  const configured = env().WARDEN_SECRET;
  if (configured) return (holder[slot] = configured);
  const file = path.join(dataDir(), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return (holder[slot] = fs.readFileSync(file, "utf8").trim());
}
