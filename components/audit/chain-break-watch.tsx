"use client";
// Keeps the console-wide chain-break banner current: the layout renders once per full load, so the
// banner follows the integrity summary (polled every minute) from the server's first answer on.
import { ChainBreakAlert } from "@/components/audit/chain-break-alert";
import type { TAuditCheck } from "@/lib/audit/integrity/schemas";
import { useAuditIntegrity } from "@/lib/query/audit/use-audit-integrity";

export function ChainBreakWatch({ initial }: { initial: TAuditCheck | null }) {
  const { data } = useAuditIntegrity();
  const latest = data ? data.latestCheck : initial;
  if (!latest || latest.ok) return null;
  return (
    <div className="mb-4" data-testid="chain-break-banner">
      <ChainBreakAlert check={latest} compact />
    </div>
  );
}
