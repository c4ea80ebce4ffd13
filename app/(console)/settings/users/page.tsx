// /settings/users — user management: who may sign in to Warden and with which role
import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserButton } from "@/components/users/create-user-dialog";
import { UserList } from "@/components/users/user-list";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "users:read")) return <Forbidden what="User management" />;
  const canManage = hasPermission(session, "users:manage");
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="Users"
        description={canManage ? "Who may sign in to Warden, and with which role." : "Who may sign in to Warden, and with which role. You can view users but not change them."}
        actions={canManage ? <CreateUserButton /> : undefined}
      />
      <UserList canManage={canManage} currentUserId={session.user.id} />
    </div>
  );
}
