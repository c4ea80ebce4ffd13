// Interactive transactions with Warden's limits. On SQLite every transaction in
// the process queues on one connection, so the wait allowance is generous.
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

export type Tx = Prisma.TransactionClient;

export function transact<T>(fn: (tx: Tx) => Promise<T>, client: Db = db()): Promise<T> {
  return client.$transaction(fn, { maxWait: 15_000, timeout: 20_000 });
}
