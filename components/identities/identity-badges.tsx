// Small pieces shared by identity tables and the detail page: status badge, owner, tags, kind summary.
import { Badge } from "@/components/ui/badge";
import { STATUS_CLASSES, STATUS_LABELS, TRANSPORT_LABELS } from "@/components/identities/identity-labels";
import { cx } from "@/components/ui/cx";
import type { IdentityStatus } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";

export function IdentityStatusBadge({ status, testId }: { status: IdentityStatus; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status} className={cx("inline-flex items-center whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS_CLASSES[status])}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function OwnerCell({ identity }: { identity: TIdentity }) {
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium text-slate-900">{identity.owner.name}</span>
        {identity.orphaned ? <Badge tone="danger">orphaned</Badge> : null}
      </div>
      <div className="text-xs text-slate-500">{identity.owner.email}</div>
    </div>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Badge>{tag}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** The kind-specific column: server URI + transport, agent client id + token binding, resource audience, gateway reach. */
export function KindSummary({ identity }: { identity: TIdentity }) {
  switch (identity.kind) {
    case "server":
      return (
        <div className="min-w-0">
          <code className="block break-all font-mono text-xs text-slate-800">{identity.resourceUri}</code>
          {identity.transport ? <span className="text-xs text-slate-500">{TRANSPORT_LABELS[identity.transport]}</span> : null}
        </div>
      );
    case "agent":
      return (
        <div className="flex flex-wrap items-center gap-1.5">
          <code className="break-all font-mono text-xs text-slate-800">{identity.clientId}</code>
          {identity.tokenBinding === "bearer" ? <Badge tone="warning">Bearer</Badge> : <Badge tone="success">{identity.tokenBinding === "mtls" ? "mTLS" : identity.tokenBinding === "dpop_or_mtls" ? "DPoP/mTLS" : "DPoP"}</Badge>}
        </div>
      );
    case "resource":
      return <code className="break-all font-mono text-xs text-slate-800">{identity.resourceUri}</code>;
    case "gateway": {
      if (identity.frontsAllServers) return <span>All servers</span>;
      const count = identity.frontedServerIds?.length ?? 0;
      return <span>{count === 1 ? "1 server" : `${count} servers`}</span>;
    }
  }
}
