// /dashboard — where the console starts; the audit explorer issue grows it into the posture dashboard.
import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requireConsoleSession } from "@/lib/next/console-session";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireConsoleSession();
  const summary = await getDashboardSummary({ actor: session.actor });
  return <DashboardView summary={summary} userName={session.user.name} />;
}
