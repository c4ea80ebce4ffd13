// /orphans — identities whose owner was deactivated, and their bulk reassignment (admins)
import type { Metadata } from "next";
import { OrphanList } from "@/components/identities/orphan-list";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Orphaned identities" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The identity inventory" />;
  const canReassign = hasPermission(session, "identities:manage-any");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Orphaned identities"
        description={
          canReassign
            ? "Identities of every kind whose owner was deactivated. Select them and reassign them to an active owner."
            : "Identities of every kind whose owner was deactivated. An admin can reassign them; current owners can transfer their own."
        }
      />
      <OrphanList canReassign={canReassign} />
    </div>
  );
}
