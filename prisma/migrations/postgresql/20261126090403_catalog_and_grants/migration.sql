-- CreateEnum
CREATE TYPE "ToolTier" AS ENUM ('read', 'write', 'irreversible');

-- CreateEnum
CREATE TYPE "ToolStatus" AS ENUM ('unclassified', 'approved', 'disabled');

-- CreateTable
CREATE TABLE "Tool" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "inputSchema" JSONB NOT NULL,
    "inputSchemaHash" TEXT NOT NULL,
    "annotations" JSONB,
    "proposedTier" "ToolTier" NOT NULL,
    "tier" "ToolTier",
    "status" "ToolStatus" NOT NULL DEFAULT 'unclassified',
    "scope" TEXT NOT NULL,
    "approvedFingerprint" TEXT,
    "approvedSnapshot" JSONB,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "driftedAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "diff" JSONB NOT NULL,
    "proposalId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogProposal" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "tools" JSONB NOT NULL,
    "diff" JSONB NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "CatalogProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokedReason" TEXT,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantTool" (
    "grantId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "GrantTool_pkey" PRIMARY KEY ("grantId","toolId")
);

-- CreateTable
CREATE TABLE "ExchangePolicy" (
    "id" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "scopes" JSONB NOT NULL,
    "maxDepth" INTEGER NOT NULL DEFAULT 4,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokedReason" TEXT,

    CONSTRAINT "ExchangePolicy_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Tool" ADD CONSTRAINT "Tool_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTool" ADD CONSTRAINT "GrantTool_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTool" ADD CONSTRAINT "GrantTool_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangePolicy" ADD CONSTRAINT "ExchangePolicy_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangePolicy" ADD CONSTRAINT "ExchangePolicy_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
