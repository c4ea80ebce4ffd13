// What a review item is about, in a few words ("billing-agent → wire_money on ledger").
import type { TReviewItem } from "@/lib/campaigns/schemas";

export type Snapshot = {
  tool?: string;
  tier?: string | null;
  scope?: string;
  justification?: string;
  grantedById?: string | null;
  agent?: { name?: string };
  server?: { name?: string };
  name?: string;
  kind?: string;
  status?: string;
  environment?: string;
  keys?: { kid: string; status: string; createdAt: string | null; expiresAt: string | null }[];
};

export const snapshotOf = (item: TReviewItem) => item.snapshot as Snapshot;

export function itemTitle(item: TReviewItem): string {
  const snapshot = snapshotOf(item);
  if (item.targetType === "grant_tool") return `${snapshot.agent?.name ?? "agent"} → ${snapshot.tool ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  if (item.targetType === "tool") return `${snapshot.name ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  return `${snapshot.name ?? item.targetId} (${snapshot.kind ?? "identity"})`;
}
