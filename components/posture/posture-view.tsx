// The posture dashboard: the cards in their groups, each a link to the list
// behind it, and (estate view) the daily trends. Owners see their own
// identities needing attention; admins and auditors can switch between both.
import Link from "next/link";
import { PostureCard } from "@/components/posture/posture-card";
import { PostureTrends } from "@/components/posture/posture-trends";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { TPosture } from "@/lib/posture/schemas";

function Switch({ options, label }: { label: string; options: { href: string; text: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm shadow-sm">
      {options.map((option) => (
        <Link
          key={option.href}
          href={option.href}
          aria-current={option.current ? "page" : undefined}
          className={cx(
            "rounded px-3 py-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
            option.current ? "bg-indigo-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100",
          )}
        >
          {option.text}
        </Link>
      ))}
    </nav>
  );
}

export function PostureView({ posture, userName, canSeeEstate, canRegister }: { posture: TPosture; userName: string; canSeeEstate: boolean; canRegister: boolean }) {
  const mine = posture.view === "mine";
  const days = posture.trends?.days ?? 14;
  const cards = posture.groups.flatMap((group) => group.cards);
  const identities = cards.find((card) => card.id === "certified-within-policy")?.total ?? 0;
  const attention = cards.filter((card) => card.severity !== "ok").length;
  return (
    <div className="flex flex-col gap-6" data-testid="posture-dashboard" data-view={posture.view}>
      <PageHeader
        title="Dashboard"
        description={mine ? `Welcome, ${userName}. Your identities needing attention: what you own as primary or backup owner.` : `Welcome, ${userName}. The security posture of every identity Warden governs.`}
        actions={
          <>
            {canSeeEstate ? (
              <Switch
                label="Whose identities"
                options={[
                  { href: `/dashboard?days=${days}`, text: "Everything", current: !mine },
                  { href: "/dashboard?view=mine", text: "Mine", current: mine },
                ]}
              />
            ) : null}
            {!mine ? (
              <Switch
                label="Trend period"
                options={[14, 30].map((value) => ({ href: `/dashboard?days=${value}`, text: `${value} days`, current: days === value }))}
              />
            ) : null}
          </>
        }
      />
      {identities === 0 ? (
        mine ? (
          <EmptyState title="You own no identities yet" description="Servers, agents, resources and gateways you own (as primary or backup owner) are checked here." action={canRegister ? <ButtonLink href="/servers/new">Register a server</ButtonLink> : undefined} />
        ) : (
          <EmptyState
            title="Register your first MCP server"
            description="Every MCP server gets its own identity, resource URI and accountable owner. Start by registering one; its posture shows here."
            action={canRegister ? <ButtonLink href="/servers/new">Register a server</ButtonLink> : undefined}
          />
        )
      ) : attention === 0 ? (
        <Alert tone="success" title="Nothing needs attention">
          Every card below is clear{mine ? " for the identities you own" : ""}.
        </Alert>
      ) : null}
      {posture.groups.map((group) => (
        <section key={group.id} aria-labelledby={`posture-group-${group.id}`} data-testid={`posture-group-${group.id}`}>
          <h2 id={`posture-group-${group.id}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
            {group.title}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {group.cards.map((card) => (
              <li key={card.id}>
                <PostureCard card={card} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {posture.trends ? <PostureTrends trends={posture.trends} /> : null}
      <p className="text-xs text-slate-500">
        Counted at {posture.asOf.replace("T", " ").slice(0, 16)} UTC. Keys count as old after {posture.keyMaxAgeDays} days (the keyMaxAgeDays setting).
      </p>
    </div>
  );
}
