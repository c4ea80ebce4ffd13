// /settings/api-tokens — API tokens for scripts and automation
import type { Metadata } from "next";
import { ApiTokenList } from "@/components/api-tokens/api-token-list";
import { CreateTokenButton } from "@/components/api-tokens/create-token-dialog";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "api-tokens:manage-own")) return <Forbidden what="API token management" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and automation call the Warden API as you. A token's role cannot exceed yours, and scopes narrow it further."
        actions={<CreateTokenButton currentRole={session.user.role} />}
      />
      <ApiTokenList canManageAll={hasPermission(session, "api-tokens:manage-all")} currentUserId={session.user.id} />
    </div>
  );
}
