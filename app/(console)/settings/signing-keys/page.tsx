// /settings/signing-keys — Warden's own signing keys and their rotation
import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { SigningKeyList } from "@/components/signing-keys/signing-key-list";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Signing keys" };

export default async function SigningKeysPage() {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "settings:read")) return <Forbidden what="Signing keys" />;
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title="Signing keys" description="The keys Warden signs access tokens and policy bundles with. Private parts are encrypted with the key-encryption key and never leave the server; public parts are at /.well-known/jwks.json." />
      <SigningKeyList canRotate={hasPermission(session, "settings:manage")} />
    </div>
  );
}
