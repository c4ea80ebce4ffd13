// /campaigns — placeholder until the recertification issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Recertification campaigns" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="Recertification campaigns" description="Owners recertify what they own; what is not recertified is revoked." arrives="the recertification issue" />;
}
