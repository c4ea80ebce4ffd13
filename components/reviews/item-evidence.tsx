// The evidence a reviewer needs for one item: for a grant scope its last use
// and call count (live, from what enforcement points reported), justification,
// expiry and last certification; for an identity its keys and their age, last
// token issued and whether it is orphaned; for a tool its tier now.
import { Badge } from "@/components/ui/badge";
import { snapshotOf } from "@/components/reviews/item-title";
import type { TReviewItem } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";

const DAY = 86_400_000;

/** "today", "3 days ago", "never" — coarse on purpose: a reviewer compares with "30 days". */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const days = Math.floor((now - Date.parse(iso)) / DAY);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

function GrantEvidence({ item }: { item: TReviewItem }) {
  const snapshot = snapshotOf(item);
  const live = item.evidence;
  const calls = live?.useCount ?? 0;
  return (
    <span className="flex flex-col gap-0.5 text-sm">
      <span data-testid="last-used" className={live?.lastUsedAt ? "text-slate-800" : "font-medium text-amber-700"}>
        {`Last used ${ago(live?.lastUsedAt)}`}
        <span className="text-slate-500">{` · ${calls} call${calls === 1 ? "" : "s"}`}</span>
      </span>
      <span className="font-mono text-xs text-slate-500">{snapshot.scope}</span>
      {snapshot.justification ? <span className="break-words text-slate-600">{`“${snapshot.justification}”`}</span> : null}
      <span className="text-xs text-slate-500">
        {`Expires ${live?.expiresAt ? formatDateTime(live.expiresAt) : "never"} · last certified ${ago(live?.lastCertifiedAt)}`}
        {live && live.current !== "active" ? <Badge tone="warning">{`now ${live.current}`}</Badge> : null}
      </span>
    </span>
  );
}

function IdentityEvidence({ item }: { item: TReviewItem }) {
  const snapshot = snapshotOf(item);
  const live = item.evidence;
  const keys = snapshot.keys ?? [];
  const oldest = keys.reduce<string | null>((found, key) => (key.createdAt && (!found || key.createdAt < found) ? key.createdAt : found), null);
  return (
    <span className="flex flex-col gap-0.5 text-sm">
      <span>
        {`${live?.current ?? snapshot.status ?? ""} · ${keys.length} key${keys.length === 1 ? "" : "s"}${oldest ? `, oldest from ${ago(oldest)}` : ""}`}
        {live?.orphaned ? (
          <>
            {" "}
            <Badge tone="danger">orphaned</Badge>
          </>
        ) : null}
      </span>
      <span data-testid="last-token" className="text-xs text-slate-500">{`Last token ${ago(live?.lastTokenAt)} · ${snapshot.environment ?? ""}`}</span>
    </span>
  );
}

export function ItemEvidence({ item }: { item: TReviewItem }) {
  if (item.targetType === "grant_tool") return <GrantEvidence item={item} />;
  if (item.targetType === "identity") return <IdentityEvidence item={item} />;
  const live = item.evidence;
  return <span className="text-sm text-slate-600">{`Tier now: ${live?.current ?? snapshotOf(item).tier ?? "unknown"} · last certified ${ago(live?.lastCertifiedAt)}`}</span>;
}
