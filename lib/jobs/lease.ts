// Job leases: with several Warden instances on one database, a periodic job
// runs on the one instance that holds its lease. Taking the lease is one
// conditional write (free, expired, or already ours), so two instances never
// both hold it; the holder renews it every run, and if it dies the lease
// expires and another instance takes over.
import crypto from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db/client";

/** This process, as lease holder. */
export const HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

/** true when `holder` holds the lease `name` until now + ttlMs. */
export async function acquireLease(name: string, ttlMs: number, options: { holder?: string; now?: Date } = {}): Promise<boolean> {
  const holder = options.holder ?? HOLDER;
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db().jobLease.updateMany({ where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] }, data: { holder, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db().jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // someone else holds it
    throw error;
  }
}

/** Records what the lease holder's last run did. */
export async function recordRun(name: string, summary: Record<string, unknown>, options: { holder?: string; now?: Date } = {}): Promise<void> {
  await db().jobLease.updateMany({ where: { name, holder: options.holder ?? HOLDER }, data: { lastRunAt: options.now ?? new Date(), lastRun: summary as object } });
}
