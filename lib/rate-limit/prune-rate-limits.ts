// Deletes rate-limit rows whose window has ended (the scheduler job
// `rate-limit-prune`, every minute on one instance). A missing row and an
// ended window count the same (count-hits.ts starts a new window), so this
// only keeps the table as small as the set of recently active callers.
import "server-only";
import { db } from "@/lib/db/client";

export async function pruneRateLimits(now: Date): Promise<{ deleted: number }> {
  const { count } = await db().rateLimitBucket.deleteMany({ where: { resetAt: { lte: BigInt(now.getTime()) } } });
  return { deleted: count };
}
