-- AlterTable
ALTER TABLE "Grant" ADD COLUMN "suspendedAt" DATETIME;
ALTER TABLE "Grant" ADD COLUMN "suspendedReason" TEXT;

-- CreateTable
CREATE TABLE "AccessRequest" (
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
    CONSTRAINT "AccessRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessRequestTool" (
    "requestId" TEXT NOT NULL,
    "toolId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tier" TEXT,

    PRIMARY KEY ("requestId", "toolId"),
    CONSTRAINT "AccessRequestTool_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessRequestApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccessRequestApproval_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CapabilityTag" (
    "tag" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ToolCapability" (
    "toolId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "reason" TEXT,
    "proposedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" DATETIME,
    "approvedById" TEXT,

    PRIMARY KEY ("toolId", "tag"),
    CONSTRAINT "ToolCapability_toolId_fkey" FOREIGN KEY ("toolId") REFERENCES "Tool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ToxicPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "tags" JSONB NOT NULL,
    "mode" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ToxicFinding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "tools" JSONB NOT NULL,
    "detectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    CONSTRAINT "ToxicFinding_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ToxicPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ToxicFinding_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_grantId_key" ON "AccessRequest"("grantId");

-- CreateIndex
CREATE INDEX "AccessRequest_status_expiresAt_idx" ON "AccessRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "AccessRequest_serverId_status_idx" ON "AccessRequest"("serverId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_agentId_status_idx" ON "AccessRequest"("agentId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_requestedById_createdAt_idx" ON "AccessRequest"("requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequestApproval_approverId_idx" ON "AccessRequestApproval"("approverId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequestApproval_requestId_step_key" ON "AccessRequestApproval"("requestId", "step");

-- CreateIndex
CREATE INDEX "ToolCapability_tag_status_idx" ON "ToolCapability"("tag", "status");

-- CreateIndex
CREATE INDEX "ToxicFinding_status_agentId_idx" ON "ToxicFinding"("status", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "ToxicFinding_agentId_policyId_key" ON "ToxicFinding"("agentId", "policyId");

-- The built-in capability tags and the two policies the issue names (data, not schema:
-- admins may change the mode of each policy or disable it, and policies act only on approved tags).
INSERT INTO "CapabilityTag" ("tag", "name", "description", "builtin", "createdAt", "updatedAt") VALUES
  ('reads-private-data', 'Reads private data', 'Reads data that is not public: customer records, mail, documents, source code, internal systems.', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('untrusted-input', 'Processes untrusted input', 'Processes content from outside the organisation (web pages, email, issues, tickets) that can carry a prompt injection.', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('external-communication', 'Communicates externally', 'Can send data outside the organisation: email, HTTP to arbitrary hosts, posting, messaging.', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('writes-production', 'Writes to production', 'Changes production systems or data.', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('handles-credentials', 'Handles credentials', 'Reads, creates or uses secrets, keys, passwords or tokens.', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

INSERT INTO "ToxicPolicy" ("id", "name", "description", "tags", "mode", "enabled", "createdAt", "updatedAt") VALUES
  ('txp_00000000000000000000000001', 'Lethal trifecta', 'Private data, untrusted input and a way out: a prompt injection can make the agent exfiltrate the data.', '["reads-private-data","untrusted-input","external-communication"]', 'block', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
  ('txp_00000000000000000000000002', 'Credentials and a way out', 'An agent that handles credentials and can send data outside can leak them.', '["handles-credentials","external-communication"]', 'block', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
