-- CreateTable
CREATE TABLE "Tool" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "inputSchema" JSONB NOT NULL,
    "inputSchemaHash" TEXT NOT NULL,
    "annotations" JSONB,
    "proposedTier" TEXT NOT NULL,
    "tier" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unclassified',
    "scope" TEXT NOT NULL,
    "approvedFingerprint" TEXT,
    "approvedSnapshot" JSONB,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "driftedAt" DATETIME,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Tool_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "diff" JSONB NOT NULL,
    "proposalId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CatalogProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "tools" JSONB NOT NULL,
    "diff" JSONB NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "grantedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT,
    CONSTRAINT "Grant_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Grant_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrantTool" (
    "grantId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "revokedAt" DATETIME,

    PRIMARY KEY ("grantId", "toolId"),
    CONSTRAINT "GrantTool_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GrantTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExchangePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "scopes" JSONB NOT NULL,
    "maxDepth" INTEGER NOT NULL DEFAULT 4,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT,
    CONSTRAINT "ExchangePolicy_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExchangePolicy_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Tool_scope_key" ON "Tool"("scope");

-- CreateIndex
CREATE INDEX "Tool_serverId_status_idx" ON "Tool"("serverId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Tool_serverId_name_key" ON "Tool"("serverId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogVersion_serverId_version_key" ON "CatalogVersion"("serverId", "version");

-- CreateIndex
CREATE INDEX "CatalogProposal_serverId_status_idx" ON "CatalogProposal"("serverId", "status");

-- CreateIndex
CREATE INDEX "Grant_agentId_serverId_idx" ON "Grant"("agentId", "serverId");

-- CreateIndex
CREATE INDEX "Grant_serverId_idx" ON "Grant"("serverId");

-- CreateIndex
CREATE INDEX "GrantTool_toolId_idx" ON "GrantTool"("toolId");

-- CreateIndex
CREATE INDEX "ExchangePolicy_serverId_idx" ON "ExchangePolicy"("serverId");

-- CreateIndex
CREATE INDEX "ExchangePolicy_resourceId_idx" ON "ExchangePolicy"("resourceId");
