-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'request',
    "justification" TEXT NOT NULL,
    "grantDays" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "ownerApprovalRequired" BOOLEAN NOT NULL DEFAULT true,
    "secondApprovalRequired" BOOLEAN NOT NULL DEFAULT false,
    "securityApprovalRequired" BOOLEAN NOT NULL DEFAULT false,
    "toxicFindings" JSONB,
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decisionReason" TEXT,
    "grantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccessRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AccessRequest" ("agentId", "createdAt", "decidedAt", "decisionReason", "expiresAt", "grantDays", "grantId", "id", "justification", "origin", "ownerApprovalRequired", "requestedById", "secondApprovalRequired", "securityApprovalRequired", "serverId", "status", "toxicFindings", "updatedAt") SELECT "agentId", "createdAt", "decidedAt", "decisionReason", "expiresAt", "grantDays", "grantId", "id", "justification", "origin", "ownerApprovalRequired", "requestedById", "secondApprovalRequired", "securityApprovalRequired", "serverId", "status", "toxicFindings", "updatedAt" FROM "AccessRequest";
DROP TABLE "AccessRequest";
ALTER TABLE "new_AccessRequest" RENAME TO "AccessRequest";
CREATE UNIQUE INDEX "AccessRequest_grantId_key" ON "AccessRequest"("grantId");
CREATE INDEX "AccessRequest_status_expiresAt_idx" ON "AccessRequest"("status", "expiresAt");
CREATE INDEX "AccessRequest_serverId_status_idx" ON "AccessRequest"("serverId", "status");
CREATE INDEX "AccessRequest_agentId_status_idx" ON "AccessRequest"("agentId", "status");
CREATE INDEX "AccessRequest_requestedById_createdAt_idx" ON "AccessRequest"("requestedById", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
