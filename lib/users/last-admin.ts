// Warden must always keep one active admin: nobody may demote or deactivate the last.
import type { Tx } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";

export async function assertAnotherActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw conflict("This is the last active admin; make someone else an admin first");
}
