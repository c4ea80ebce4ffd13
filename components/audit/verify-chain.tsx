"use client";
// "Verify integrity": walks the whole audit hash chain now (recorded as a check and an audit event) and shows the first break, if any.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useVerifyAuditChain } from "@/lib/query/audit/use-verify-audit-chain";

/** Where the explorer opens one event. */
export const eventHref = (id: string) => `/audit?event=${encodeURIComponent(id)}`;

export function VerifyChain() {
  const verify = useVerifyAuditChain();
  const report = verify.data;
  const broken = report && !report.ok ? report.firstBreak : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" loading={verify.isPending} onClick={() => verify.mutate()}>
          Verify integrity
        </Button>
        <p className="text-sm text-slate-500">Recomputes every event&rsquo;s hash, checks each links to the one before, and checks the signed anchors.</p>
      </div>
      {verify.isError || report ? (
        <div data-testid="verify-result">
          {verify.isError ? (
            <Alert tone="danger" title="Could not verify the chain">
              {verify.error.message}
            </Alert>
          ) : report?.ok ? (
            <Alert tone="success" title={`Chain intact: ${report.checked} events verified`}>
              Head at event {report.headSeq} ({report.headHash.slice(0, 16)}…), checked in {report.durationMs} ms.
            </Alert>
          ) : report ? (
            <Alert tone="danger" title={`Chain broken at event ${broken?.seq ?? "?"}: ${broken?.reason ?? "unknown reason"}`}>
              <p>
                {report.checked} events checked before the break. Events from this one on cannot be trusted; investigate the database before relying on the log.
              </p>
              {broken?.id ? (
                <p className="mt-1">
                  First bad event:{" "}
                  <Link className="font-mono underline" href={eventHref(broken.id)}>
                    {broken.id}
                  </Link>
                </p>
              ) : null}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
