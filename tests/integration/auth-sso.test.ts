// Single sign-on provisioning: just-in-time users with the owner role, linking
// only by verified email, deactivated users refused.
import { describe, expect, it } from "vitest";
import { signInWithSso } from "@/lib/auth/sign-in-with-sso";
import { db } from "@/lib/db/client";
import { seedUser, uniqueSuffix } from "@/lib/seed/factories";

const issuer = "https://idp.example.test";

describe("SSO sign-in", () => {
  it("provisions a new user with the owner role, then reuses the link", async () => {
    const suffix = uniqueSuffix();
    const profile = { issuer, subject: `sub-${suffix}`, email: `Jit-${suffix}@Example.test`, emailVerified: true, name: "Jit User" };
    const first = await signInWithSso({ profile, context: null });
    expect(first).toMatchObject({ ok: true, created: true, user: { role: "owner", email: `jit-${suffix}@example.test` } });
    const second = await signInWithSso({ profile: { ...profile, email: `renamed-${suffix}@example.test` }, context: null });
    expect(second).toMatchObject({ ok: true, created: false });
    expect(second.ok && first.ok && second.user.id === first.user.id).toBe(true);
    const created = await db().auditEvent.findFirst({ where: { action: "user.created", targetId: first.ok ? first.user.id : "" } });
    expect(created?.details).toMatchObject({ via: "oidc_just_in_time", role: "owner" });
  });

  it("links an existing account only when the provider verified the email", async () => {
    const existing = await seedUser({ role: "admin" });
    const unverified = await signInWithSso({ profile: { issuer, subject: `u-${existing.id}`, email: existing.email, emailVerified: false }, context: null });
    expect(unverified).toEqual({ ok: false, reason: "email_conflict" });
    const verified = await signInWithSso({ profile: { issuer, subject: `v-${existing.id}`, email: existing.email, emailVerified: true }, context: null });
    expect(verified).toMatchObject({ ok: true, created: false, user: { id: existing.id, role: "admin" } });
  });

  it("refuses a deactivated user and a profile without an email", async () => {
    const user = await seedUser();
    await signInWithSso({ profile: { issuer, subject: `d-${user.id}`, email: user.email, emailVerified: true }, context: null });
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signInWithSso({ profile: { issuer, subject: `d-${user.id}`, email: user.email, emailVerified: true }, context: null })).toEqual({ ok: false, reason: "inactive" });
    expect(await signInWithSso({ profile: { issuer, subject: "no-email", email: "", emailVerified: true }, context: null })).toEqual({ ok: false, reason: "invalid_profile" });
  });
});
