-- CreateTable
CREATE TABLE "EnforcementStatus" (
    "identityId" TEXT NOT NULL PRIMARY KEY,
    "revision" BIGINT,
    "lastFetchAt" DATETIME,
    "reportedAt" DATETIME NOT NULL,
    "errors" JSONB NOT NULL,
    "version" TEXT NOT NULL,
    CONSTRAINT "EnforcementStatus_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
