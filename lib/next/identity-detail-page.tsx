// The detail page of an identity of any kind: loads it for the signed-in user,
// answers 404 for a missing one, and works out which actions to offer (the API
// checks every one of them again).
import "server-only";
import { notFound } from "next/navigation";
import { IdentityDetail } from "@/components/identities/identity-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { AppError } from "@/lib/errors/app-error";
import { canChangeIdentity } from "@/lib/identities/access";
import { getIdentity } from "@/lib/identities/get-identity";
import { KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";
import { readSettings } from "@/lib/settings/get-settings";

export async function IdentityDetailPage({ kind, params }: { kind: IdentityKind; params: Promise<{ id: string }> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what={`The ${KIND_INFO[kind].label.toLowerCase()} inventory`} />;
  const { id } = await params;
  let identity: TIdentity;
  try {
    identity = await getIdentity({ actor: session.actor, identityId: id, kind });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation_failed")) notFound();
    throw error;
  }
  const settings = await readSettings();
  return (
    <IdentityDetail
      identity={identity}
      canChange={canChangeIdentity(session.actor, { ownerId: identity.owner.id, backupOwnerId: identity.backupOwner?.id ?? null })}
      canApprove={hasPermission(session, "identities:approve")}
      canManageAny={hasPermission(session, "identities:manage-any")}
      canSeeAudit={hasPermission(session, "audit:read")}
      canManageGrants={hasPermission(session, "grants:manage")}
      keyRotationOverlapDays={settings.keyRotationOverlapDays}
      requireKeyProofInProduction={settings.requireKeyProofInProduction}
      viewer={{ id: session.user.id, name: session.user.name, email: session.user.email }}
    />
  );
}
