// Single sign-on through the configured OIDC provider. Users are provisioned just
// in time with the owner role. An existing Warden user is linked by email only
// when the provider says the email is verified, so an IdP account with someone
// else's unverified address cannot take over their Warden account.
import "server-only";
import { z } from "zod";
import type { RequestContext } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { userSearchText } from "@/lib/users/search-text";

export const ZSsoProfile = z.object({
  issuer: z.string().min(1),
  subject: z.string().min(1).max(255),
  email: z.email().transform((value) => value.toLowerCase()),
  emailVerified: z.boolean(),
  name: z.string().trim().max(200).optional(),
});
export type TSsoProfile = z.input<typeof ZSsoProfile>;

export type SsoResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role }; created: boolean }
  | { ok: false; reason: "inactive" | "email_conflict" | "invalid_profile" };

export async function signInWithSso(options: { profile: TSsoProfile; context: RequestContext | null; now?: Date }): Promise<SsoResult> {
  const parsed = ZSsoProfile.safeParse(options.profile);
  const now = options.now ?? new Date();
  if (!parsed.success) {
    await transact((tx) =>
      appendAuditEvent(tx, {
        action: "auth.sign_in.failed",
        actor: { type: "anonymous", id: null, label: String(options.profile.email ?? "") || null },
        outcome: "failure",
        details: { method: "oidc", reason: "invalid_profile", problems: parsed.error.issues.map((issue) => issue.path.join(".")) },
        context: options.context,
      }),
    );
    return { ok: false, reason: "invalid_profile" };
  }
  const profile = parsed.data;
  const provider = `oidc:${profile.issuer}`;

  return transact(async (tx): Promise<SsoResult> => {
    const account = await tx.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId: profile.subject } }, include: { user: true } });
    let user = account?.user ?? null;
    let created = false;
    if (!user) {
      const byEmail = await tx.user.findUnique({ where: { email: profile.email } });
      if (byEmail && !profile.emailVerified) {
        await appendAuditEvent(tx, {
          action: "auth.sign_in.failed",
          actor: { type: "anonymous", id: null, label: profile.email },
          target: { type: "user", id: byEmail.id },
          outcome: "denied",
          details: { method: "oidc", reason: "email_conflict", issuer: profile.issuer, subject: profile.subject },
          context: options.context,
        });
        return { ok: false, reason: "email_conflict" };
      }
      if (byEmail) {
        user = byEmail;
      } else {
        user = await tx.user.create({
          data: { id: newId("user"), email: profile.email, name: profile.name || profile.email, role: "owner", searchText: userSearchText({ email: profile.email, name: profile.name || profile.email }) },
        });
        created = true;
        await appendAuditEvent(tx, {
          action: "user.created",
          actor: { type: "user", id: user.id, label: user.email },
          target: { type: "user", id: user.id },
          details: { via: "oidc_just_in_time", role: user.role, issuer: profile.issuer },
          context: options.context,
        });
      }
      await tx.account.create({ data: { id: newId("account"), userId: user.id, provider, providerAccountId: profile.subject } });
    }
    if (!user.active) {
      await appendAuditEvent(tx, {
        action: "auth.sign_in.failed",
        actor: { type: "user", id: user.id, label: user.email },
        target: { type: "user", id: user.id },
        outcome: "denied",
        details: { method: "oidc", reason: "inactive" },
        context: options.context,
      });
      return { ok: false, reason: "inactive" };
    }
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await appendAuditEvent(tx, {
      action: "auth.sign_in.succeeded",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id },
      details: { method: "oidc", issuer: profile.issuer, justInTime: created },
      context: options.context,
    });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, created };
  });
}
