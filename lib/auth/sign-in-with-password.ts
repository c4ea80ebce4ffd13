// Password sign-in with lockout: after WARDEN_LOGIN_MAX_ATTEMPTS consecutive
// failures the account is locked, for a period that doubles with each further
// round of failures (capped at one hour). Failures are counted in the database,
// so every instance sees the same count. Every attempt is audited. Before any
// of that, the attempt counts against the rate limits per email and per IP
// address (lib/rate-limit), which also cap the scrypt work an attacker can
// cause; a refused attempt is audited once per window (the first refusal).
import "server-only";
import { z } from "zod";
import type { RequestContext } from "@/lib/auth/actor";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { ANONYMOUS, appendAuditEvent } from "@/lib/audit/append";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { checkRateLimits } from "@/lib/rate-limit/check-rate-limits";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; mustChangePassword: boolean } }
  | { ok: false; reason: "invalid" | "locked" | "inactive" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const MAX_LOCK_MS = 3600_000;

export function lockDurationMs(failures: number, maxAttempts: number, baseSeconds: number): number {
  const rounds = Math.floor(failures / maxAttempts);
  if (rounds < 1) return 0;
  return Math.min(baseSeconds * 1000 * 2 ** (rounds - 1), MAX_LOCK_MS);
}

export async function signInWithPassword(options: { email: string; password: string; context: RequestContext | null; now?: Date }): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const parsedEmail = z.email().safeParse(options.email.trim().toLowerCase());
  const email = parsedEmail.success ? parsedEmail.data : null;
  const { WARDEN_LOGIN_MAX_ATTEMPTS: maxAttempts, WARDEN_LOGIN_LOCKOUT_SECONDS: lockSeconds } = env();

  // counted for unknown emails too, under the name as typed, so the answer says nothing about who has an account
  const limited = await checkRateLimits("sign_in", [
    { per: "email", id: email ?? options.email.trim().toLowerCase().slice(0, 320) },
    { per: "ip", id: options.context?.ip },
  ]);
  if (limited) {
    if (limited.firstRefusal) {
      await transact((tx) =>
        appendAuditEvent(tx, {
          action: "auth.sign_in.failed",
          actor: { ...ANONYMOUS, label: email },
          outcome: "denied",
          details: { method: "password", reason: "rate_limited", per: limited.per, limit: limited.limit, windowSeconds: limited.windowSeconds },
          context: options.context,
        }),
      );
    }
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds };
  }

  const user = email
    ? await db().user.findUnique({ where: { email }, omit: { passwordHash: false } })
    : null;

  const fail = async (reason: "invalid" | "locked" | "inactive", extra: Record<string, unknown> = {}) => {
    await transact((tx) =>
      appendAuditEvent(tx, {
        action: "auth.sign_in.failed",
        actor: user ? { type: "user", id: user.id, label: user.email } : { ...ANONYMOUS, label: email },
        target: user ? { type: "user", id: user.id } : null,
        outcome: "failure",
        details: { method: "password", reason, ...extra },
        context: options.context,
      }),
    );
    return { ok: false as const, reason };
  };

  if (!user || !user.passwordHash) {
    await burnPasswordCheck(options.password);
    return fail("invalid", { knownUser: Boolean(user) });
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await burnPasswordCheck(options.password);
    return fail("locked", { lockedUntil: user.lockedUntil.toISOString() });
  }
  const matches = await verifyPassword(options.password, user.passwordHash);
  if (!matches) {
    return transact(async (tx) => {
      const updated = await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: { increment: 1 } } });
      const lockMs = updated.failedLoginCount % maxAttempts === 0 ? lockDurationMs(updated.failedLoginCount, maxAttempts, lockSeconds) : 0;
      const actor = { type: "user" as const, id: user.id, label: user.email };
      await appendAuditEvent(tx, {
        action: "auth.sign_in.failed",
        actor,
        target: { type: "user", id: user.id },
        outcome: "failure",
        details: { method: "password", reason: "invalid", consecutiveFailures: updated.failedLoginCount },
        context: options.context,
      });
      if (lockMs > 0) {
        const lockedUntil = new Date(now.getTime() + lockMs);
        await tx.user.update({ where: { id: user.id }, data: { lockedUntil } });
        await appendAuditEvent(tx, {
          action: "auth.sign_in.locked",
          actor,
          target: { type: "user", id: user.id },
          outcome: "denied",
          details: { consecutiveFailures: updated.failedLoginCount, lockedUntil: lockedUntil.toISOString() },
          context: options.context,
        });
      }
      return { ok: false as const, reason: "invalid" as const };
    });
  }
  if (!user.active) return fail("inactive");

  await transact(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await appendAuditEvent(tx, {
      action: "auth.sign_in.succeeded",
      actor: { type: "user", id: user.id, label: user.email },
      target: { type: "user", id: user.id },
      details: { method: "password" },
      context: options.context,
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword } };
}
