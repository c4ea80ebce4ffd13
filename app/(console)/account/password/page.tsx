// /account/password — change your password; required after a temporary one.
import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const session = await requireConsoleSession({ allowPasswordChange: true });
  const user = await db().user.findUniqueOrThrow({ where: { id: session.user.id }, select: { passwordHash: true } });
  return (
    <div className="flex max-w-xl flex-col gap-6">
      <PageHeader title="Change password" description={`Signed in as ${session.user.email}.`} />
      {session.mustChangePassword ? (
        <Alert tone="warning" title="Choose a new password">
          You signed in with a temporary password. Choose your own before you continue.
        </Alert>
      ) : null}
      {user.passwordHash ? (
        <ChangePasswordForm />
      ) : (
        <Alert tone="info">Your account signs in through single sign-on and has no Warden password.</Alert>
      )}
    </div>
  );
}
