// /settings/registry — registry settings: auto-approval, key proof, key rotation overlap, import size
import type { Metadata } from "next";
import { RegistrySettingsForm } from "@/components/identities/registry-settings-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";
import { readSettings } from "@/lib/settings/get-settings";

export const metadata: Metadata = { title: "Registry settings" };

export default async function Page() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "settings:read")) return <Forbidden what="Settings" />;
  const settings = await readSettings();
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Registry settings" description="How the identity registry approves identities and handles their keys. Every change is audited." />
      <RegistrySettingsForm initial={settings} canManage={hasPermission(session, "settings:manage")} />
    </div>
  );
}
