// /gateways — placeholder until the policy distribution issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Gateways" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="Gateways" description="Enforcement points: which servers they front, which policy revision they hold, when they last reported." arrives="the policy distribution issue" />;
}
