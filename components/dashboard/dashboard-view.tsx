// The dashboard: a few numbers that link to the lists behind them, recent
// activity, and what to do first on an empty installation.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { DashboardSummary } from "@/lib/dashboard/get-dashboard-summary";

function Stat({ label, value, href, tone = "neutral" }: { label: string; value: number; href?: string; tone?: "neutral" | "warning" }) {
  const body = (
    <div className="rounded-lg border border-slate-200 bg-white p-4 hover:border-indigo-300">
      <p className="text-sm text-slate-500">{label}</p>
      <p className={tone === "warning" && value > 0 ? "mt-1 text-2xl font-semibold text-amber-600" : "mt-1 text-2xl font-semibold text-slate-900"} data-testid={`stat-${label}`}>
        {value.toLocaleString("en")}
      </p>
    </div>
  );
  return href ? (
    <Link href={href} className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
      {body}
    </Link>
  ) : (
    body
  );
}

export function DashboardView({ summary, userName }: { summary: DashboardSummary; userName: string }) {
  const stats: { label: string; value: number | null; href?: string; tone?: "warning" }[] = [
    { label: "MCP servers", value: summary.servers, href: "/servers" },
    { label: "Servers you own", value: summary.myServers, href: "/servers?mine=1" },
    { label: "Orphaned identities", value: summary.orphanedServers, href: "/orphans", tone: "warning" },
    { label: "Active users", value: summary.activeUsers, href: "/settings/users" },
    { label: "Active API tokens", value: summary.activeApiTokens, href: "/settings/api-tokens" },
    { label: "Audit events (24 h)", value: summary.events24h, href: "/audit" },
    { label: "Failed sign-ins (24 h)", value: summary.failedSignIns24h, href: "/audit?action=auth.sign_in.failed", tone: "warning" },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Dashboard" description={`Welcome, ${userName}.`} />
      <section aria-label="Summary" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {stats
          .filter((stat): stat is typeof stat & { value: number } => stat.value !== null)
          .map((stat) => (
            <Stat key={stat.label} label={stat.label} value={stat.value} href={stat.href} tone={stat.tone} />
          ))}
      </section>
      {summary.servers === 0 ? (
        <EmptyState
          title="Register your first MCP server"
          description="Every MCP server gets its own identity, resource URI and accountable owner. Start by registering one."
          action={<ButtonLink href="/servers/new">Register a server</ButtonLink>}
        />
      ) : null}
      {summary.recentEvents ? (
        <Card title="Recent activity" actions={<Link href="/audit" className="text-sm text-indigo-600 hover:underline">Open the audit log</Link>}>
          {summary.recentEvents.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing has happened yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {summary.recentEvents.map((event) => (
                <li key={event.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <span className="font-mono text-xs text-slate-700">{event.action}</span>
                  <span className="truncate text-slate-600">{event.actor.label ?? event.actor.type}</span>
                  <time className="shrink-0 text-xs text-slate-400" dateTime={event.occurredAt}>
                    {event.occurredAt.replace("T", " ").slice(0, 19)} UTC
                  </time>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
