// First run: when no active admin exists, create one with a temporary password
// that is printed once to the console (never a fixed default). Safe when several
// instances start at once: only one creates the admin.
import "server-only";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { appendAuditEvent } from "@/lib/audit/append";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { userSearchText } from "@/lib/users/search-text";

export type FirstAdminResult = { created: false } | { created: true; email: string; temporaryPassword: string };

export async function ensureFirstAdmin(options: { email: string; client?: Db }): Promise<FirstAdminResult> {
  const client = options.client ?? db();
  if ((await client.user.count({ where: { role: "admin", active: true } })) > 0) return { created: false };
  const email = options.email.toLowerCase();
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    return await transact(async (tx): Promise<FirstAdminResult> => {
      // Take the audit chain's lock first (appending takes it anyway): concurrent
      // first runs queue here, and each re-counts only after the previous one
      // committed. Without it, two instances could both promote an existing user.
      await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
      if ((await tx.user.count({ where: { role: "admin", active: true } })) > 0) return { created: false };
      const existing = await tx.user.findUnique({ where: { email } });
      const data = { role: "admin" as const, active: true, deactivatedAt: null, passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null };
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data })
        : await tx.user.create({ data: { id: newId("user"), email, name: "Warden admin", searchText: userSearchText({ email, name: "Warden admin" }), ...data } });
      await appendAuditEvent(tx, {
        action: "system.first_run_admin_created",
        actor: { type: "system", id: null, label: "Warden" },
        target: { type: "user", id: user.id },
        details: { email, existingUser: Boolean(existing) },
      });
      return { created: true, email, temporaryPassword };
    }, client);
  } catch (error) {
    // another instance created the same admin in the meantime
    if ((error as { code?: string }).code === "P2002") return { created: false };
    throw error;
  }
}
