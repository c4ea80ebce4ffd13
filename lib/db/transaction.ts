// Interactive transactions with Warden's limits. On SQLite every transaction in
// the process queues on one connection, so the wait allowance is generous.
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

export type Tx = Prisma.TransactionClient;

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 20_000;

/** `timeoutMs` raises the limit for known long writes (e.g. large imports). */
export function transact<T>(fn: (tx: Tx) => Promise<T>, client: Db = db(), options: { timeoutMs?: number } = {}): Promise<T> {
  return client.$transaction(fn, { maxWait: 15_000, timeout: options.timeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS });
}
