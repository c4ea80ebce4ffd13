-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trigger" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "headSeq" BIGINT NOT NULL,
    "firstBreakSeq" BIGINT,
    "firstBreakId" TEXT,
    "reason" TEXT,
    "anchorsChecked" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "AuditPrune" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventClass" TEXT NOT NULL,
    "cutoff" DATETIME NOT NULL,
    "upToSeq" BIGINT NOT NULL,
    "pruned" INTEGER NOT NULL,
    "anchorId" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditSink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secretEnc" TEXT,
    "filter" JSONB NOT NULL,
    "batchSize" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cursorSeq" BIGINT NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "id" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL,
    "requestId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "facetVersion" INTEGER NOT NULL DEFAULT 0,
    "agentId" TEXT,
    "serverId" TEXT,
    "resourceId" TEXT,
    "gatewayId" TEXT,
    "tool" TEXT,
    "scope" TEXT,
    "tier" TEXT,
    "jti" TEXT,
    "parentJti" TEXT,
    "search" TEXT,
    "prunedAt" DATETIME
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorLabel", "actorType", "details", "hash", "id", "ip", "occurredAt", "outcome", "prevHash", "requestId", "seq", "targetId", "targetType", "userAgent") SELECT "action", "actorId", "actorLabel", "actorType", "details", "hash", "id", "ip", "occurredAt", "outcome", "prevHash", "requestId", "seq", "targetId", "targetType", "userAgent" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_id_key" ON "AuditEvent"("id");
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");
CREATE INDEX "AuditEvent_targetType_targetId_seq_idx" ON "AuditEvent"("targetType", "targetId", "seq");
CREATE INDEX "AuditEvent_actorId_seq_idx" ON "AuditEvent"("actorId", "seq");
CREATE INDEX "AuditEvent_agentId_seq_idx" ON "AuditEvent"("agentId", "seq");
CREATE INDEX "AuditEvent_serverId_seq_idx" ON "AuditEvent"("serverId", "seq");
CREATE INDEX "AuditEvent_resourceId_seq_idx" ON "AuditEvent"("resourceId", "seq");
CREATE INDEX "AuditEvent_gatewayId_seq_idx" ON "AuditEvent"("gatewayId", "seq");
CREATE INDEX "AuditEvent_tool_seq_idx" ON "AuditEvent"("tool", "seq");
CREATE INDEX "AuditEvent_scope_seq_idx" ON "AuditEvent"("scope", "seq");
CREATE INDEX "AuditEvent_jti_idx" ON "AuditEvent"("jti");
CREATE INDEX "AuditEvent_parentJti_idx" ON "AuditEvent"("parentJti");
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");
CREATE INDEX "AuditEvent_facetVersion_idx" ON "AuditEvent"("facetVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditAnchor_seq_idx" ON "AuditAnchor"("seq");

-- CreateIndex
CREATE INDEX "AuditAnchor_signedAt_idx" ON "AuditAnchor"("signedAt");

-- CreateIndex
CREATE INDEX "AuditCheck_finishedAt_idx" ON "AuditCheck"("finishedAt");

-- CreateIndex
CREATE INDEX "AuditPrune_eventClass_upToSeq_idx" ON "AuditPrune"("eventClass", "upToSeq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditSink_name_key" ON "AuditSink"("name");
