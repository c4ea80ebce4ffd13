// Interactive transactions with Warden's limits. On SQLite every transaction in
// the process queues on one connection, so the wait allowance is generous.
import { db, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

export type Tx = Prisma.TransactionClient;

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 20_000;

const afterCommit = new WeakMap<Tx, (() => void)[]>();

/** Runs `callback` once the transaction `tx` has committed (never if it rolls back). */
export function onCommit(tx: Tx, callback: () => void): void {
  const callbacks = afterCommit.get(tx);
  if (callbacks) callbacks.push(callback);
  else afterCommit.set(tx, [callback]);
}

/** `timeoutMs` raises the limit for known long writes (e.g. large imports). */
export async function transact<T>(fn: (tx: Tx) => Promise<T>, client: Db = db(), options: { timeoutMs?: number } = {}): Promise<T> {
  let callbacks: (() => void)[] | undefined;
  const result = await client.$transaction(
    async (tx) => {
      const value = await fn(tx);
      callbacks = afterCommit.get(tx);
      return value;
    },
    { maxWait: 15_000, timeout: options.timeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS },
  );
  for (const callback of callbacks ?? []) callback();
  return result;
}
