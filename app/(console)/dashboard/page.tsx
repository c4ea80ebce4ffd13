// /dashboard — where the console starts: the posture dashboard. Admins and
// auditors see the whole estate (?view=mine for their own, ?days=30 for longer
// trends); owners see their own identities needing attention.
import type { Metadata } from "next";
import { PostureView } from "@/components/posture/posture-view";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";
import { getPosture } from "@/lib/posture/get-posture";

export const metadata: Metadata = { title: "Dashboard" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The posture dashboard" />;
  const params = await searchParams;
  const canSeeEstate = hasPermission(session, "audit:read");
  // an owner following an estate link lands on their own view rather than an error
  const view = first(params.view) === "mine" || !canSeeEstate ? "mine" : "estate";
  const posture = await getPosture({ actor: session.actor, query: { view, days: first(params.days) === "30" ? 30 : 14 } });
  return <PostureView posture={posture} userName={session.user.name} canSeeEstate={canSeeEstate} canRegister={hasPermission(session, "identities:register")} />;
}
