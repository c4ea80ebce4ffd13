// The red alert for a broken audit chain: where it breaks, why, and a link to the first bad event.
// No client state, so both the console-wide banner (server) and the integrity panel (client) render it.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/format/date";
import type { TAuditCheck } from "@/lib/audit/integrity/schemas";

export function ChainBreakAlert({ check, compact = false }: { check: TAuditCheck; compact?: boolean }) {
  const broken = check.firstBreak;
  return (
    <Alert tone="danger" title={`The audit chain is broken at event ${broken?.seq ?? "?"}`} className={compact ? undefined : "border-2 border-red-400 text-base"}>
      <p>
        {broken?.reason ?? "unknown reason"}. Found by the {check.trigger === "user" ? "on-demand" : "scheduled"} check at {formatDateTime(check.finishedAt)}; events from this one on cannot be
        trusted until the database is investigated.
      </p>
      <p className="mt-1">
        {broken?.id ? (
          <>
            First bad event:{" "}
            <Link className="font-mono underline" href={`/audit?event=${encodeURIComponent(broken.id)}`} data-testid="chain-break-event">
              {broken.id}
            </Link>
          </>
        ) : (
          "The first bad position has no event (it was removed)."
        )}
        {compact ? (
          <>
            {" "}
            ·{" "}
            <Link className="underline" href="/audit">
              Audit integrity
            </Link>
          </>
        ) : null}
      </p>
    </Alert>
  );
}
