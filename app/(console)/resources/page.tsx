// /resources — placeholder until the NHI registry issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Downstream resources" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="Downstream resources" description="APIs behind MCP servers: the audiences of exchanged tokens." arrives="the NHI registry issue" />;
}
