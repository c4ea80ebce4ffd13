// /my-identities — every identity the signed-in user owns (as primary or backup owner), of all kinds
import type { Metadata } from "next";
import { IdentityList } from "@/components/identities/identity-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "My identities" };

export default async function MyIdentitiesPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The identity inventory" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="My identities" description="Servers, agents, resources and gateways you own as primary or backup owner. You answer for them in recertification campaigns." />
      <IdentityList kind="all" canRegister={hasPermission(session, "identities:register")} initialMine />
    </div>
  );
}
