-- AlterTable
ALTER TABLE "CampaignItem" ADD COLUMN "escalatedAt" DATETIME;

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" JSONB NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "endpointId" TEXT,
    "campaignId" TEXT,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "lastStatus" INTEGER,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GrantTool" (
    "grantId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "lastCertifiedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "useCount" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("grantId", "toolId"),
    CONSTRAINT "GrantTool_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GrantTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_GrantTool" ("grantId", "lastCertifiedAt", "revokedAt", "scope", "toolId") SELECT "grantId", "lastCertifiedAt", "revokedAt", "scope", "toolId" FROM "GrantTool";
DROP TABLE "GrantTool";
ALTER TABLE "new_GrantTool" RENAME TO "GrantTool";
CREATE INDEX "GrantTool_toolId_idx" ON "GrantTool"("toolId");
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "filters" JSONB NOT NULL,
    "reviewerRule" TEXT NOT NULL,
    "reviewerId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "undecidedPolicy" TEXT NOT NULL,
    "itemsTotal" INTEGER,
    "itemsGenerated" INTEGER NOT NULL DEFAULT 0,
    "generationCursor" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "launchedAt" DATETIME,
    "launchedById" TEXT,
    "closedAt" DATETIME,
    "closedReason" TEXT,
    "remindDaysBefore" INTEGER,
    "escalateDaysBefore" INTEGER,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "recurrence" TEXT,
    "previousId" TEXT,
    "autoLaunch" BOOLEAN NOT NULL DEFAULT false,
    "templateKey" TEXT
);
INSERT INTO "new_Campaign" ("closedAt", "closedReason", "createdAt", "createdById", "description", "dueAt", "filters", "generationCursor", "id", "itemsGenerated", "itemsTotal", "launchedAt", "launchedById", "name", "reviewerId", "reviewerRule", "startsAt", "status", "type", "undecidedPolicy", "updatedAt") SELECT "closedAt", "closedReason", "createdAt", "createdById", "description", "dueAt", "filters", "generationCursor", "id", "itemsGenerated", "itemsTotal", "launchedAt", "launchedById", "name", "reviewerId", "reviewerRule", "startsAt", "status", "type", "undecidedPolicy", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_previousId_key" ON "Campaign"("previousId");
CREATE INDEX "Campaign_status_dueAt_idx" ON "Campaign"("status", "dueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_campaignId_createdAt_idx" ON "Notification"("campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");
