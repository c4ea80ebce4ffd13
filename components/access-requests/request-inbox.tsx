"use client";
// The access request inbox: "Waiting for me" (the requests whose next step I
// may decide), "My requests", and for admins and auditors "All". Each row shows
// the agent, server, tools with tiers, justification, requester, steps and
// toxic findings; approve and deny open a dialog with a comment; the
// requester can cancel a pending request (confirmed first).
import Link from "next/link";
import { useState } from "react";
import { DecideDialog } from "@/components/access-requests/decide-dialog";
import { RequestFindings, RequestSteps, RequestTools, STATUS_TONES } from "@/components/access-requests/request-row";
import { ActionConfirmDialog } from "@/components/ui/action-confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import type { AccessRequestView, TAccessRequest } from "@/lib/access-requests/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAccessRequests } from "@/lib/query/access-requests/use-access-requests";
import { useCancelAccessRequest } from "@/lib/query/access-requests/use-cancel-access-request";

const PAGE_SIZE = 25;

const EMPTY: Record<AccessRequestView, string> = {
  waiting: "Nothing waits for you: no pending request has a step you may decide.",
  mine: "You have not requested access yet. Ask for tools on an agent's page (Request access).",
  all: "No access requests yet.",
};

export function RequestInbox({ canSeeAll }: { canSeeAll: boolean }) {
  const tabs: { value: AccessRequestView; label: string }[] = [
    { value: "waiting", label: "Waiting for me" },
    { value: "mine", label: "My requests" },
    ...(canSeeAll ? [{ value: "all" as const, label: "All" }] : []),
  ];
  const [view, setView] = useState<AccessRequestView>("waiting");
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useAccessRequests({ view, cursor: pagination.cursor, limit: PAGE_SIZE });
  const [deciding, setDeciding] = useState<{ request: TAccessRequest; decision: "approve" | "deny" } | null>(null);
  const [cancelling, setCancelling] = useState<TAccessRequest | null>(null);
  const cancel = useCancelAccessRequest();

  const columns: Column<TAccessRequest>[] = [
    {
      key: "what",
      header: "Agent and server",
      cell: (request) => (
        <span className="space-y-0.5">
          <Link href={`/agents/${request.agent.id}`} className="block font-medium text-indigo-700 hover:underline">
            {request.agent.name}
          </Link>
          <span className="block text-xs text-slate-600">
            on{" "}
            <Link href={`/servers/${request.server.id}`} className="text-indigo-700 hover:underline">
              {request.server.name}
            </Link>
            {request.server.environment === "production" ? " (production)" : ""}
          </span>
          <span className="flex flex-wrap gap-1">
            <Badge tone={STATUS_TONES[request.status]}>{request.status}</Badge>
            {request.origin === "direct_grant" ? <Badge tone="neutral">direct grant</Badge> : null}
          </span>
        </span>
      ),
    },
    { key: "tools", header: "Tools", cell: (request) => <RequestTools request={request} /> },
    {
      key: "why",
      header: "Justification",
      cell: (request) => (
        <span className="text-sm">
          “{request.justification}”
          <span className="block text-xs text-slate-500">
            by {request.requestedBy.name}, {formatDateTime(request.createdAt)}
          </span>
          {request.status === "pending" ? <span className="block text-xs text-slate-500">expires {formatDateTime(request.expiresAt)}</span> : null}
          {request.decisionReason ? <span className="block text-xs text-slate-600">{request.decisionReason}</span> : null}
        </span>
      ),
    },
    { key: "steps", header: "Steps", cell: (request) => <RequestSteps request={request} /> },
    { key: "toxic", header: "Toxic combinations", cell: (request) => <RequestFindings request={request} /> },
    {
      key: "actions",
      header: "Decision",
      cell: (request) => (
        <span className="flex flex-wrap gap-1.5">
          {request.canDecide ? (
            <>
              <Button size="sm" aria-label={`Approve the request for ${request.agent.name}`} onClick={() => setDeciding({ request, decision: "approve" })}>
                Approve
              </Button>
              <Button size="sm" variant="danger" aria-label={`Deny the request for ${request.agent.name}`} onClick={() => setDeciding({ request, decision: "deny" })}>
                Deny
              </Button>
            </>
          ) : request.status === "pending" && request.cannotDecideReason && view !== "mine" ? (
            <span className="text-xs text-slate-500">{request.cannotDecideReason}</span>
          ) : null}
          {request.canCancel ? (
            <Button size="sm" variant="secondary" aria-label={`Cancel the request for ${request.agent.name}`} onClick={() => setCancelling(request)}>
              Cancel request
            </Button>
          ) : null}
          {request.grantId ? <span className="font-mono text-xs text-slate-600">{request.grantId}</span> : null}
        </span>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-2" data-testid="access-request-inbox">
      <div role="tablist" aria-label="Access requests" className="flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <button
            key={tab.value}
            type="button"
            role="tab"
            aria-selected={view === tab.value}
            className={`rounded-t-md px-3 py-1.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${view === tab.value ? "border-b-2 border-indigo-600 font-medium text-indigo-700" : "text-slate-600 hover:text-slate-900"}`}
            onClick={() => {
              setView(tab.value);
              pagination.reset();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <DataTable
          caption={tabs.find((tab) => tab.value === view)!.label}
          columns={columns}
          rows={data?.items}
          getRowId={(request) => request.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">{EMPTY[view]}</p>}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {deciding ? <DecideDialog key={`${deciding.request.id}-${deciding.decision}`} request={deciding.request} decision={deciding.decision} onClose={() => setDeciding(null)} /> : null}
      {cancelling ? (
        <ActionConfirmDialog
          onClose={() => setCancelling(null)}
          action={() => cancel.mutateAsync(cancelling.id)}
          title="Cancel this request?"
          description={`${cancelling.agent.name} on ${cancelling.server.name}: ${cancelling.tools.map((tool) => tool.name).join(", ")}. Nobody can approve it afterwards; you can ask again.`}
          confirmLabel="Cancel request"
          success={{ title: "Request cancelled" }}
          failureTitle="The request was not cancelled"
        />
      ) : null}
    </div>
  );
}
