-- AlterTable
ALTER TABLE "Tool" ADD COLUMN "lastCertifiedAt" DATETIME;

-- AlterTable
ALTER TABLE "GrantTool" ADD COLUMN "lastCertifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "Campaign" (
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
    "closedReason" TEXT
);

-- CreateTable
CREATE TABLE "CampaignItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "comment" TEXT,
    "outcome" JSONB,
    "reassignments" JSONB NOT NULL DEFAULT [],
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Campaign_status_dueAt_idx" ON "Campaign"("status", "dueAt");

-- CreateIndex
CREATE INDEX "CampaignItem_reviewerId_status_idx" ON "CampaignItem"("reviewerId", "status");

-- CreateIndex
CREATE INDEX "CampaignItem_campaignId_status_idx" ON "CampaignItem"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignItem_campaignId_targetType_targetId_key" ON "CampaignItem"("campaignId", "targetType", "targetId");
