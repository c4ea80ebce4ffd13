"use client";
// The "Access" card of an agent's page: its grants grouped by MCP server, each tool with its tier and scope,
// "Grant access" for admins and "Revoke grant" for admins and owners (the API decides again).
import Link from "next/link";
import { useState } from "react";
import { TierBadge } from "@/components/catalog/tier-badge";
import { RequestAccessDialog } from "@/components/access-requests/request-access-dialog";
import { GrantDialog } from "@/components/grants/grant-dialog";
import { RevokeGrantDialog } from "@/components/grants/revoke-grant-dialog";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { STATUS_LABELS } from "@/components/identities/identity-labels";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format/date";
import type { TGrant } from "@/lib/grants/schemas";
import type { IdentityStatus } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import { useGrants } from "@/lib/query/grants/use-grants";

const STATE: Record<TGrant["state"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "danger" },
  suspended: { label: "Suspended", tone: "warning" },
};

type ServerGroup = { server: TGrant["server"]; grants: TGrant[] };

function groupByServer(grants: TGrant[]): ServerGroup[] {
  const groups = new Map<string, ServerGroup>();
  for (const grant of grants) {
    const group = groups.get(grant.server.id) ?? { server: grant.server, grants: [] };
    group.grants.push(grant);
    groups.set(grant.server.id, group);
  }
  return [...groups.values()].sort((a, b) => a.server.name.localeCompare(b.server.name));
}

/** Why a granted tool cannot be called now, when it cannot. */
function toolNote(tool: TGrant["tools"][number]): string | null {
  if (tool.revokedAt) return "removed from this grant";
  if (tool.toolStatus === "unclassified") return "not callable: changed since approval, awaiting review";
  if (tool.toolStatus === "disabled") return "not callable: disabled";
  return null;
}

function GrantItem({ grant, mayRevoke, onRevoke }: { grant: TGrant; mayRevoke: boolean; onRevoke: (grant: TGrant) => void }) {
  const state = STATE[grant.state];
  return (
    <li className="space-y-2 px-4 py-3" data-testid="grant">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-0.5 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={state.tone}>{state.label}</Badge>
            <span className="font-mono text-xs text-slate-600">{grant.id}</span>
            <span className="text-xs text-slate-600">
              {grant.expiresAt ? (
                <>
                  {grant.state === "expired" ? "Expired" : "Expires"} <time dateTime={grant.expiresAt}>{formatDateTime(grant.expiresAt)}</time>
                </>
              ) : (
                "No expiry"
              )}
            </span>
            <span className="text-xs text-slate-500">
              granted <time dateTime={grant.createdAt}>{formatDateTime(grant.createdAt)}</time>
            </span>
          </p>
          <p className="text-slate-700">“{grant.justification}”</p>
          {grant.revokedAt ? (
            <p className="text-xs text-red-700">
              Revoked <time dateTime={grant.revokedAt}>{formatDateTime(grant.revokedAt)}</time>
              {grant.revokedReason ? `: ${grant.revokedReason}` : ""}
            </p>
          ) : null}
          {grant.suspendedAt && !grant.revokedAt ? (
            <p className="text-xs text-amber-800">
              Suspended <time dateTime={grant.suspendedAt}>{formatDateTime(grant.suspendedAt)}</time>
              {grant.suspendedReason ? `: ${grant.suspendedReason}` : ""}
            </p>
          ) : null}
        </div>
        {mayRevoke && (grant.state === "active" || grant.state === "suspended") ? (
          <Button variant="danger" size="sm" onClick={() => onRevoke(grant)}>
            Revoke grant<span className="sr-only"> {grant.id}</span>
          </Button>
        ) : null}
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Tools of grant {grant.id}</caption>
        <thead>
          <tr className="text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">
              Tool
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Tier
            </th>
            <th scope="col" className="py-1 font-medium">
              Scope
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grant.tools.map((tool) => {
            const note = toolNote(tool);
            return (
              <tr key={tool.toolId} className={note ? "text-slate-400" : undefined}>
                <td className="py-1 pr-3 align-top">
                  <code className="break-all font-mono text-xs font-semibold">{tool.name}</code>
                  {note ? <div className="text-xs">{note}</div> : null}
                </td>
                <td className="py-1 pr-3 align-top">{tool.tier ? <TierBadge tier={tool.tier} /> : <span className="text-xs">—</span>}</td>
                <td className="py-1 align-top">
                  <code className="break-all font-mono text-xs">{tool.scope}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </li>
  );
}

export function AgentAccess({ identity, canChange, canManageGrants }: { identity: TIdentity; canChange: boolean; canManageGrants: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const [granting, setGranting] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [revoking, setRevoking] = useState<TGrant | null>(null);
  const { data, isPending, error } = useGrants({ agentId: identity.id, state: showAll ? "all" : "active", limit: 100 });
  const groups = groupByServer(data?.items ?? []);
  // admins, and owners of the agent or the server; owners of only the server are told by the API
  const mayRevoke = canChange || canManageGrants;
  const mayGrant = canManageGrants && (identity.status === "active" || identity.status === "pending");
  // owners ask; the server's owner (and, for irreversible tools, a second admin) decides
  const mayRequest = canChange && (identity.status === "active" || identity.status === "pending");

  let body;
  if (error) {
    body = (
      <div className="p-4">
        <Alert tone="danger" title="Could not load grants">
          {error.message}
        </Alert>
      </div>
    );
  } else if (isPending) {
    body = (
      <div className="p-6 text-center">
        <Spinner label="Loading grants" />
      </div>
    );
  } else if (groups.length === 0) {
    body = (
      <div className="p-4">
        <EmptyState
          title={showAll ? "No grants" : "No active grants"}
          description={`${identity.name} can call no tools. ${canManageGrants ? "Grant it approved tools of an MCP server." : "An admin grants agents access to tools."}`}
        />
      </div>
    );
  } else {
    body = (
      <div className="divide-y divide-slate-200">
        {groups.map((group) => (
          <section key={group.server.id} aria-labelledby={`access-${group.server.id}`}>
            <h3 id={`access-${group.server.id}`} className="flex flex-wrap items-center gap-2 bg-slate-50 px-4 py-2 text-sm font-semibold text-slate-900">
              <Link href={`/servers/${group.server.id}`} className="text-indigo-700 hover:underline">
                {group.server.name}
              </Link>
              <span className="font-mono text-xs font-normal text-slate-500">{group.server.slug}</span>
              {group.server.status !== "active" ? <Badge tone="warning">server {STATUS_LABELS[group.server.status as IdentityStatus]?.toLowerCase() ?? group.server.status}: no access now</Badge> : null}
            </h3>
            <ul className="divide-y divide-slate-100">
              {group.grants.map((grant) => (
                <GrantItem key={grant.id} grant={grant} mayRevoke={mayRevoke} onRevoke={setRevoking} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    );
  }

  return (
    <div data-testid="agent-access">
      <Card
        title="Access"
        description={`The tools this agent was granted, by MCP server.${identity.status !== "active" ? ` While the agent is ${STATUS_LABELS[identity.status].toLowerCase()}, none of them can be called.` : ""}`}
        actions={
          <>
            <CheckboxField id="agent-access-show-all" label="Show expired and revoked" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            {mayRequest ? (
              <Button size="sm" variant="secondary" onClick={() => setRequesting(true)}>
                Request access
              </Button>
            ) : null}
            {mayGrant ? (
              <Button size="sm" onClick={() => setGranting(true)}>
                Grant access
              </Button>
            ) : null}
          </>
        }
        flush
      >
        {body}
      </Card>
      {granting ? <GrantDialog agent={{ id: identity.id, name: identity.name, slug: identity.slug, status: identity.status }} onClose={() => setGranting(false)} /> : null}
      {requesting ? <RequestAccessDialog agent={{ id: identity.id, name: identity.name, slug: identity.slug, status: identity.status }} onClose={() => setRequesting(false)} /> : null}
      {revoking ? <RevokeGrantDialog key={revoking.id} grant={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
