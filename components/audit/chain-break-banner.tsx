// Console-wide banner for users who may read the audit log, shown on every page while the latest chain check
// failed. The server answers the first render (no flash); ChainBreakWatch keeps it current afterwards.
import { ChainBreakWatch } from "@/components/audit/chain-break-watch";
import type { TAuditCheck } from "@/lib/audit/integrity/schemas";
import { latestChainBreak } from "@/lib/audit/integrity/latest-break";
import { can, type Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

export async function ChainBreakBanner({ actor }: { actor: Actor }) {
  // nobody else polls for it
  if (!can(actor, "audit:read")) return null;
  let initial: TAuditCheck | null = null;
  try {
    initial = await latestChainBreak({ actor });
  } catch (error) {
    // a banner must never take the console down with it; the watcher tries again
    logger().warn({ err: error }, "could not read the latest audit chain check for the banner");
  }
  return <ChainBreakWatch initial={initial} />;
}
