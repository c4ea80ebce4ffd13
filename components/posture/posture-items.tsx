// The rows behind one posture card: what each is, who answers for it and why
// it is listed, each linking to the page where it is fixed.
import Link from "next/link";
import { shareText } from "@/components/posture/posture-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { TPostureItems } from "@/lib/posture/schemas";

/** Existing pages with the tools to act on a whole card's list. */
const ACT_ON: Partial<Record<TPostureItems["card"]["id"], { href: string; text: string }>> = {
  orphaned: { href: "/orphans", text: "Reassign them on the Orphaned identities page" },
  "gateways-stale": { href: "/gateways", text: "See the fleet's status on the Gateways page" },
  "reviews-overdue": { href: "/reviews", text: "Decide yours in My reviews" },
};

export function PostureItems({ result }: { result: TPostureItems }) {
  const { card, items, view } = result;
  const share = card.total !== null;
  const act = ACT_ON[card.id];
  const back = view === "mine" ? "/dashboard?view=mine" : "/dashboard";
  return (
    <div className="flex flex-col gap-4" data-testid="posture-items" data-card={card.id}>
      <PageHeader
        title={card.title}
        description={card.description}
        actions={
          <Link href={back} className="text-sm text-indigo-700 hover:underline">
            Back to the dashboard
          </Link>
        }
      />
      <p className="text-sm text-slate-700">
        {share
          ? `${shareText(card.value, card.total!)} (${card.value} of ${card.total}). Listed: the ${card.total! - card.value} that fall short.`
          : `${card.value} ${card.value === 1 ? "item" : "items"}.`}{" "}
        {act ? (
          <Link href={act.href} className="text-indigo-700 hover:underline">
            {act.text}
          </Link>
        ) : null}
      </p>
      {items.length === 0 ? (
        <EmptyState title="Nothing to show" description="Nothing needs attention here right now." />
      ) : (
        <Card flush>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{card.title}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                {["Name", "What", "Owner", "Why listed"].map((label) => (
                  <th key={label} scope="col" className="px-4 py-2 font-semibold">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id} data-testid="posture-item">
                  <td className="px-4 py-2">
                    <Link href={item.href} className="font-medium text-indigo-700 hover:underline">
                      {item.title}
                    </Link>
                    {item.subtitle ? <div className="font-mono text-xs text-slate-500">{item.subtitle}</div> : null}
                  </td>
                  <td className="px-4 py-2 text-slate-700">{item.kind}</td>
                  <td className="px-4 py-2 text-slate-700">{item.owner ?? "—"}</td>
                  <td className="px-4 py-2 text-slate-600">{item.detail ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.truncated ? <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">Showing the first {items.length}; fix these and reload for the rest.</p> : null}
        </Card>
      )}
    </div>
  );
}
