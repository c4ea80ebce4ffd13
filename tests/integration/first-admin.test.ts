// First run: with no active admin, Warden creates exactly one with a random
// temporary password, audited — also when several instances start at once.
import { describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "@/lib/bootstrap/ensure-first-admin";
import { verifyPassword } from "@/lib/auth/password";
import { verifyAuditChain } from "@/lib/audit/verify";
import { withFreshDatabase } from "./helpers/fresh-database";

describe("first-run admin", () => {
  it("creates one admin with a temporary password that must be changed, audited, and only once", async () => {
    await withFreshDatabase(async (client) => {
      expect(await client.user.count()).toBe(0);
      const first = await ensureFirstAdmin({ email: "First.Admin@Example.TEST", client });
      expect(first).toMatchObject({ created: true, email: "first.admin@example.test" });
      if (!first.created) throw new Error("unreachable");
      expect(first.temporaryPassword.length).toBeGreaterThanOrEqual(20);

      const users = await client.user.findMany({ omit: { passwordHash: false } });
      expect(users).toHaveLength(1);
      const admin = users[0]!;
      expect(admin).toMatchObject({ email: "first.admin@example.test", role: "admin", active: true, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null });
      expect(admin.passwordHash).toMatch(/^scrypt\$/);
      expect(await verifyPassword(first.temporaryPassword, admin.passwordHash!)).toBe(true);
      expect(await verifyPassword(`${first.temporaryPassword}x`, admin.passwordHash!)).toBe(false);

      const events = await client.auditEvent.findMany();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: "system.first_run_admin_created",
        actorType: "system",
        targetType: "user",
        targetId: admin.id,
        outcome: "success",
        details: { email: "first.admin@example.test", existingUser: false },
      });
      expect(JSON.stringify(events[0]!.details)).not.toContain(first.temporaryPassword);

      const second = await ensureFirstAdmin({ email: "someone.else@example.test", client });
      expect(second).toEqual({ created: false });
      expect(await client.user.count()).toBe(1);
      expect(await client.auditEvent.count()).toBe(1);
      expect((await verifyAuditChain(client)).ok).toBe(true);
    });
  });

  it("creates exactly one admin when 5 instances start at once", async () => {
    await withFreshDatabase(async (client) => {
      const results = await Promise.all(Array.from({ length: 5 }, () => ensureFirstAdmin({ email: "admin@warden.local", client })));
      const created = results.filter((result) => result.created);
      expect(created).toHaveLength(1);
      expect(results.filter((result) => !result.created)).toHaveLength(4);
      expect(await client.user.count({ where: { role: "admin" } })).toBe(1);
      expect(await client.auditEvent.count({ where: { action: "system.first_run_admin_created" } })).toBe(1);
      const admin = await client.user.findFirstOrThrow({ omit: { passwordHash: false } });
      expect(await verifyPassword((created[0] as { temporaryPassword: string }).temporaryPassword, admin.passwordHash!)).toBe(true);
      expect((await verifyAuditChain(client)).ok).toBe(true);
    });
  });

  it("promotes an existing user with the admin email when no active admin is left, once, also under concurrency", async () => {
    // a race needs luck to show, so give it several chances
    for (let round = 0; round < 3; round += 1) {
      await withFreshDatabase(async (client) => {
        await client.user.create({ data: { id: "usr_00000000000000000000000001", email: "admin@warden.local", name: "Former", role: "owner", searchText: "former" } });
        await client.user.create({ data: { id: "usr_00000000000000000000000002", email: "old-admin@example.test", name: "Old", role: "admin", active: false, searchText: "old" } });
        const results = await Promise.all(Array.from({ length: 8 }, () => ensureFirstAdmin({ email: "admin@warden.local", client })));
        const created = results.filter((result) => result.created);
        expect(created, `round ${round}`).toHaveLength(1);
        const promoted = await client.user.findUniqueOrThrow({ where: { id: "usr_00000000000000000000000001" }, omit: { passwordHash: false } });
        expect(promoted).toMatchObject({ role: "admin", active: true, mustChangePassword: true });
        expect(await verifyPassword((created[0] as { temporaryPassword: string }).temporaryPassword, promoted.passwordHash!)).toBe(true);
        const events = await client.auditEvent.findMany({ where: { action: "system.first_run_admin_created" } });
        expect(events).toHaveLength(1);
        expect(events[0]!.details).toMatchObject({ existingUser: true });
        expect(await client.user.count({ where: { role: "admin", active: true } })).toBe(1);
      });
    }
  });
});
