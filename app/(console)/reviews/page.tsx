// /reviews — placeholder until the recertification issue builds this section.
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "My reviews" };

export default async function Page() {
  await requireConsoleSession();
  return <ComingSoon title="My reviews" description="Your open recertification items across campaigns." arrives="the recertification issue" />;
}
