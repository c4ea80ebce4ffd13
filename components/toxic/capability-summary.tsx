"use client";
// The "Capabilities" card of an agent's page: the capability tags its access gives it, through which tools,
// servers and grants (suspended ones marked), its toxic-combination findings with the policies' modes, and the
// grants a block-mode policy suspended — which admins may lift after review (the API refuses while the
// combination still holds).
import Link from "next/link";
import { useState } from "react";
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { ModeBadge } from "@/components/toxic/mode-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format/date";
import { useAgentCapabilities } from "@/lib/query/toxic/use-agent-capabilities";
import { useLiftSuspension } from "@/lib/query/toxic/use-lift-suspension";
import type { TAgentCapabilities } from "@/lib/toxic/schemas";

type Suspended = TAgentCapabilities["suspendedGrants"][number];

export function CapabilitySummary({ agentId, canManageGrants }: { agentId: string; canManageGrants: boolean }) {
  const { data, isPending, error } = useAgentCapabilities(agentId);
  const [lifting, setLifting] = useState<Suspended | null>(null);
  const lift = useLiftSuspension();
  const { toast } = useToast();

  let body;
  if (isPending) body = <Spinner label="Loading capabilities" />;
  else if (error) body = <Alert tone="danger" title="The capabilities could not be loaded">{error.message}</Alert>;
  else if (data.tags.length === 0 && data.findings.length === 0 && data.suspendedGrants.length === 0)
    body = <EmptyState title="No capability tags" description="None of the tools this agent holds carries an approved capability tag." />;
  else
    body = (
      <div className="space-y-4">
        {data.findings.map((finding) => (
          <Alert key={finding.id} tone={finding.status === "accepted" ? "info" : finding.policy.mode === "block" ? "danger" : "warning"} title={`${finding.policy.name}${finding.status === "accepted" ? " (accepted)" : ""}`}>
            <span className="mr-2 inline-block align-middle">
              <ModeBadge mode={finding.policy.mode} />
            </span>
            {finding.explanation}
          </Alert>
        ))}
        {data.suspendedGrants.length ? (
          <div>
            <h3 className="text-sm font-medium text-slate-900">Suspended grants</h3>
            <ul className="mt-1 divide-y divide-slate-100 text-sm">
              {data.suspendedGrants.map((grant) => (
                <li key={grant.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-testid="suspended-grant">
                  <div className="min-w-0">
                    <p>
                      <span className="font-mono text-xs">{grant.id}</span> on{" "}
                      <Link href={`/servers/${grant.serverId}`} className="text-indigo-700 hover:underline">
                        {grant.serverName}
                      </Link>{" "}
                      <span className="text-xs text-slate-500">
                        since <time dateTime={grant.suspendedAt}>{formatDateTime(grant.suspendedAt)}</time>
                      </span>
                    </p>
                    {grant.reason ? <p className="text-xs text-red-700">{grant.reason}</p> : null}
                  </div>
                  {canManageGrants ? (
                    <Button size="sm" variant="secondary" onClick={() => setLifting(grant)}>
                      Lift suspension<span className="sr-only"> of {grant.id}</span>
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.tags.length ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Capability tags the agent holds</caption>
            <thead>
              <tr className="text-xs text-slate-500">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Tag
                </th>
                <th scope="col" className="py-1 font-medium">
                  Through
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.tags.map((tag) => (
                <tr key={tag.tag}>
                  <td className="py-1.5 pr-3 align-top">
                    <span className="font-medium text-slate-900">{tag.name}</span>
                    <div className="font-mono text-xs text-slate-500">{tag.tag}</div>
                  </td>
                  <td className="py-1.5 align-top">
                    <ul className="space-y-0.5">
                      {tag.tools.map((tool) => (
                        <li key={`${tool.grantId}:${tool.toolId}`} className={tool.suspended ? "text-slate-400" : undefined}>
                          <code className="font-mono text-xs font-semibold">{tool.toolName}</code> on {tool.serverName} <span className="font-mono text-xs text-slate-500">({tool.grantId})</span>
                          {tool.suspended ? (
                            <span className="ml-1 align-middle">
                              <Badge tone="danger">Suspended</Badge>
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    );

  return (
    <Card title="Capabilities" description="What this agent's access across all servers lets it do, by approved capability tag, and the toxic combinations among them.">
      {body}
      {lifting ? (
        <ReasonConfirmDialog
          id="lift-suspension-reason"
          title="Lift suspension"
          description={`Grant ${lifting.id} on ${lifting.serverName} gives access again. Refused while the agent would still hold a combination a block-mode policy forbids.`}
          confirmLabel="Lift suspension"
          failureTitle="The suspension was not lifted"
          reasonRequired
          hint="Recorded in the audit log."
          onClose={() => setLifting(null)}
          onSubmit={async (reason) => {
            await lift.mutateAsync({ grantId: lifting.id, reason: reason ?? "" });
            setLifting(null);
            toast({ title: "Suspension lifted", description: lifting.id, tone: "success" });
          }}
        />
      ) : null}
    </Card>
  );
}
