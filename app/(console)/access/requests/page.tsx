// /access/requests — the access request inbox: waiting for my decision, my requests, all (admins and auditors)
import type { Metadata } from "next";
import { RequestInbox } from "@/components/access-requests/request-inbox";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Access requests" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="Access requests" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Access requests"
        description="Owners ask for tools for their agents; the server's owner decides. Irreversible tools need a second admin, and toxic combinations a security approval. Nobody approves their own request; undecided requests expire."
      />
      <RequestInbox canSeeAll={hasPermission(session, "grants:manage") || hasPermission(session, "audit:read")} />
    </div>
  );
}
