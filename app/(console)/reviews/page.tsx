// /reviews — "My reviews": the recertification items assigned to me
import type { Metadata } from "next";
import { ReviewInbox } from "@/components/reviews/review-inbox";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "My reviews" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "reviews:decide")) return <Forbidden what="My reviews" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="My reviews" description="Open recertification items assigned to you, across campaigns. What you do not certify by the due date gets the campaign's policy, usually revocation." />
      <ReviewInbox />
    </div>
  );
}
