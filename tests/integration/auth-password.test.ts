// Password sign-in: success, generic failure, lockout with backoff, audit.
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db } from "@/lib/db/client";
import { seedUser } from "@/lib/seed/factories";

const context = { requestId: "req_test", ip: "203.0.113.9", userAgent: "vitest" };

describe("password sign-in", () => {
  it("accepts the right password, resets the failure count and audits it", async () => {
    const user = await seedUser({ role: "owner" });
    await signInWithPassword({ email: user.email, password: "wrong-password", context });
    const result = await signInWithPassword({ email: user.email.toUpperCase(), password: user.password, context });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "owner" } });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLoginCount).toBe(0);
    expect(row.lastLoginAt).not.toBeNull();
    const events = await db().auditEvent.findMany({ where: { targetId: user.id, action: { startsWith: "auth.sign_in" } }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["auth.sign_in.failed", "failure"],
      ["auth.sign_in.succeeded", "success"],
    ]);
    expect(events[1]).toMatchObject({ ip: "203.0.113.9", userAgent: "vitest", requestId: "req_test" });
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const user = await seedUser();
    const unknown = await signInWithPassword({ email: `nobody-${user.id}@example.test`, password: "x", context });
    const wrong = await signInWithPassword({ email: user.email, password: "not-it", context });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks the account after 5 failures, refuses even the right password while locked, then lets it in", async () => {
    const user = await seedUser();
    const start = new Date();
    for (let i = 0; i < 5; i += 1) {
      expect(await signInWithPassword({ email: user.email, password: `wrong-${i}`, context, now: start })).toMatchObject({ ok: false });
    }
    const locked = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil!.getTime() - start.getTime()).toBe(60_000);
    expect(await signInWithPassword({ email: user.email, password: user.password, context, now: new Date(start.getTime() + 30_000) })).toEqual({ ok: false, reason: "locked" });
    expect(await signInWithPassword({ email: user.email, password: user.password, context, now: new Date(start.getTime() + 61_000) })).toMatchObject({ ok: true });
    const lockEvents = await db().auditEvent.count({ where: { targetId: user.id, action: "auth.sign_in.locked" } });
    expect(lockEvents).toBe(1);
  });

  it("does not count attempts made while locked, and doubles the lock for the next round", async () => {
    const user = await seedUser();
    const start = new Date();
    for (let i = 0; i < 8; i += 1) await signInWithPassword({ email: user.email, password: `wrong-${i}`, context, now: start });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(5);
    const later = new Date(start.getTime() + 61_000);
    for (let i = 0; i < 5; i += 1) await signInWithPassword({ email: user.email, password: `again-${i}`, context, now: later });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLoginCount).toBe(10);
    expect(row.lockedUntil!.getTime() - later.getTime()).toBe(120_000);
  });

  it("refuses a deactivated user with the right password", async () => {
    const user = await seedUser();
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signInWithPassword({ email: user.email, password: user.password, context })).toEqual({ ok: false, reason: "inactive" });
  });
});
