-- CreateTable
-- WITHOUT ROWID (hand-added, as for ReplayEntry): every counted request upserts
-- one row by its key, one b-tree lookup instead of two.
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "resetAt" BIGINT NOT NULL,
    "count" INTEGER NOT NULL
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "RateLimitBucket_resetAt_idx" ON "RateLimitBucket"("resetAt");
