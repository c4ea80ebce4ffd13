// /revocations — placeholder until the policy distribution issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Revocations" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="Revocations" description="Revoked identities, keys, grants and tokens, and how many gateways each has reached." arrives="the policy distribution issue" />;
}
