"use client";
// "Verify integrity": checks the whole audit hash chain and reports the first break, if any.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useVerifyAuditChain } from "@/lib/query/audit/use-verify-audit-chain";

export function VerifyChain() {
  const verify = useVerifyAuditChain();
  const report = verify.data;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" loading={verify.isPending} onClick={() => verify.mutate()}>
          Verify integrity
        </Button>
        <p className="text-sm text-slate-500">Recomputes every event&rsquo;s hash and checks each links to the one before.</p>
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
            <Alert tone="danger" title={`Chain broken at event ${report.firstBreak?.seq ?? "?"}: ${report.firstBreak?.reason ?? "unknown reason"}`}>
              {report.checked} events checked. Events from this one on cannot be trusted; investigate the database before relying on the log.
            </Alert>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
