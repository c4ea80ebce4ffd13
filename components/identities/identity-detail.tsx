"use client";
// One identity's page: header with status and the lifecycle actions the viewer may take, then
// registration, owners, keys and audit history. Starts from the server-rendered identity and
// follows changes through react-query.
import { useState } from "react";
import { ServerTools } from "@/components/catalog/server-tools";
import { AgentAccess } from "@/components/grants/agent-access";
import { CapabilitySummary } from "@/components/toxic/capability-summary";
import { EditIdentityDialog } from "@/components/identities/edit-identity-dialog";
import { IdentityAuditHistory } from "@/components/identities/identity-audit-history";
import { IdentityStatusBadge } from "@/components/identities/identity-badges";
import { IdentityKeys } from "@/components/identities/identity-keys";
import { KIND_WORD } from "@/components/identities/identity-labels";
import { OwnersCard, RegistrationCard } from "@/components/identities/identity-registration";
import { StatusChangeDialog } from "@/components/identities/status-change-dialog";
import { TransferIdentityDialog } from "@/components/identities/transfer-identity-dialog";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { KIND_INFO } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import type { StatusChange } from "@/lib/query/identities/use-change-identity-status";
import { useIdentity } from "@/lib/query/identities/use-identity";

type Person = { id: string; name: string; email: string };
type Open = StatusChange | "transfer" | "edit" | null;

export function IdentityDetail(props: {
  identity: TIdentity;
  canChange: boolean;
  canApprove: boolean;
  canManageAny: boolean;
  canSeeAudit: boolean;
  /** grants:manage — may grant agents access to tools */
  canManageGrants: boolean;
  keyRotationOverlapDays: number;
  requireKeyProofInProduction: boolean;
  viewer: Person;
}) {
  const { canChange, canApprove, canManageAny, canSeeAudit } = props;
  const { data } = useIdentity(props.identity.kind, props.identity.id, { initialData: props.identity });
  const identity = data ?? props.identity;
  const [open, setOpen] = useState<Open>(null);
  const info = KIND_INFO[identity.kind];
  const revoked = identity.status === "revoked";
  const people = [identity.owner, ...(identity.backupOwner ? [identity.backupOwner] : []), props.viewer];

  const actions = (
    <>
      {identity.status === "pending" && canApprove ? <Button onClick={() => setOpen("approve")}>Approve</Button> : null}
      {identity.status === "suspended" && canApprove ? <Button onClick={() => setOpen("resume")}>Resume</Button> : null}
      {!revoked && canChange ? (
        <Button variant="secondary" onClick={() => setOpen("edit")}>
          Edit
        </Button>
      ) : null}
      {!revoked && canChange ? (
        <Button variant="secondary" onClick={() => setOpen("transfer")}>
          Transfer ownership
        </Button>
      ) : null}
      {identity.status === "active" && canChange ? (
        <Button variant="secondary" onClick={() => setOpen("suspend")}>
          Suspend
        </Button>
      ) : null}
      {!revoked && canChange ? (
        <Button variant="danger" onClick={() => setOpen("revoke")}>
          Revoke
        </Button>
      ) : null}
    </>
  );

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 pb-4">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{identity.name}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{info.label}</span>
            <span aria-hidden="true">·</span>
            <code className="font-mono text-xs">{identity.slug}</code>
            <IdentityStatusBadge status={identity.status} testId="identity-status" />
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          {actions}
          <ButtonLink href={`/${info.plural}`} variant="ghost">
            Back to {info.labelPlural.toLowerCase()}
          </ButtonLink>
        </div>
      </div>

      {identity.status === "pending" ? (
        <Alert tone="info" title="Waiting for approval">
          {canApprove ? `Approve this ${KIND_WORD[identity.kind].toLowerCase()} to make it active.` : "An admin must approve it before it can get tokens."}
        </Alert>
      ) : null}
      {revoked ? (
        <Alert tone="danger" title="Revoked">
          This identity and all its keys are revoked for ever{identity.statusReason ? `: ${identity.statusReason}` : "."}
        </Alert>
      ) : null}

      <RegistrationCard identity={identity} people={people} />
      <OwnersCard identity={identity} />
      <IdentityKeys identity={identity} canChange={canChange} defaultOverlapDays={props.keyRotationOverlapDays} proofRequired={props.requireKeyProofInProduction} />
      {identity.kind === "server" ? <ServerTools identity={identity} canChange={canChange} /> : null}
      {identity.kind === "agent" ? <AgentAccess identity={identity} canChange={canChange} canManageGrants={props.canManageGrants} /> : null}
      {identity.kind === "agent" ? <CapabilitySummary agentId={identity.id} canManageGrants={props.canManageGrants} /> : null}
      {canSeeAudit ? (
        <Card title="Activity" description="Every event this identity appears in — as actor, target, agent, server, resource or gateway — newest first." flush>
          <IdentityAuditHistory identityId={identity.id} identityName={identity.name} />
        </Card>
      ) : null}

      {open === "approve" || open === "suspend" || open === "resume" || open === "revoke" ? <StatusChangeDialog identity={identity} change={open} onClose={() => setOpen(null)} /> : null}
      {open === "transfer" ? <TransferIdentityDialog identity={identity} onClose={() => setOpen(null)} /> : null}
      {open === "edit" ? <EditIdentityDialog identity={identity} canManageAny={canManageAny} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
