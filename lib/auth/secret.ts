// The secret that signs session cookies. Production requires WARDEN_SECRET (all
// instances must share it); development generates one into the data directory
// on first use so the quick start needs no configuration.
import { env } from "@/lib/config/env";
import { generatedSecret } from "@/lib/config/generated-secret";

const slot = Symbol.for("warden.sessionSecret");
type Global = { [slot]?: string };

export function sessionSecret(): string {
  const holder = globalThis as Global;
  if (holder[slot]) return holder[slot];
  const configured = env().WARDEN_SECRET;
  if (configured) return (holder[slot] = configured);
  return (holder[slot] = generatedSecret("session-secret").value);
}
