// /agents — placeholder until the NHI registry issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Agents" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="Agents" description="Calling AI agents: OAuth clients with their own keys, owners and token lifetimes." arrives="the NHI registry issue" />;
}
