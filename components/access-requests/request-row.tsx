"use client";
// The cells of one access request: tools with tiers, the steps done and
// pending (who decided each), and the toxic-combination findings.
import { TierBadge } from "@/components/catalog/tier-badge";
import { STEP_LABELS } from "@/components/access-requests/decide-dialog";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TAccessRequest } from "@/lib/access-requests/schemas";

export const STATUS_TONES: Record<TAccessRequest["status"], BadgeTone> = { pending: "info", approved: "success", denied: "danger", expired: "neutral", cancelled: "neutral" };
const STEP_TONES: Record<TAccessRequest["steps"][number]["state"], BadgeTone> = { approved: "success", denied: "danger", pending: "warning", waiting: "neutral", skipped: "neutral" };

export function RequestTools({ request }: { request: TAccessRequest }) {
  return (
    <ul className="space-y-0.5">
      {request.tools.map((tool) => (
        <li key={tool.toolId} className="flex items-center gap-1.5">
          <code className="break-all font-mono text-xs font-semibold">{tool.name}</code>
          {tool.tier ? <TierBadge tier={tool.tier} /> : null}
        </li>
      ))}
      {request.grantDays ? <li className="text-xs text-slate-500">for {request.grantDays === 1 ? "1 day" : `${request.grantDays} days`}</li> : <li className="text-xs text-slate-500">until revoked</li>}
    </ul>
  );
}

export function RequestSteps({ request }: { request: TAccessRequest }) {
  return (
    <ol className="space-y-0.5 text-xs">
      {request.steps.map((step) => {
        const approval = request.approvals.find((item) => item.step === step.step);
        return (
          <li key={step.step} className="flex flex-wrap items-center gap-1">
            <Badge tone={STEP_TONES[step.state]}>{`${STEP_LABELS[step.step]}: ${step.state}`}</Badge>
            {approval ? <span className="text-slate-600">by {approval.approver.name}</span> : null}
            {approval?.comment ? <span className="text-slate-500">“{approval.comment}”</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function RequestFindings({ request }: { request: TAccessRequest }) {
  if (request.toxicFindings.length === 0) return <span className="text-xs text-slate-500">none</span>;
  return (
    <ul className="space-y-1 text-xs">
      {request.toxicFindings.map((finding) => (
        <li key={finding.policyId}>
          <Badge tone={finding.mode === "warn" ? "warning" : "danger"}>{finding.mode === "require_approval" ? "security approval" : finding.mode}</Badge> <span className="text-slate-700">{finding.explanation}</span>
        </li>
      ))}
    </ul>
  );
}
