-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "agentId" TEXT,
ADD COLUMN     "facetVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gatewayId" TEXT,
ADD COLUMN     "jti" TEXT,
ADD COLUMN     "parentJti" TEXT,
ADD COLUMN     "prunedAt" TIMESTAMP(3),
ADD COLUMN     "resourceId" TEXT,
ADD COLUMN     "scope" TEXT,
ADD COLUMN     "search" TEXT,
ADD COLUMN     "serverId" TEXT,
ADD COLUMN     "tier" TEXT,
ADD COLUMN     "tool" TEXT;

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "kid" TEXT NOT NULL,
    "jws" TEXT NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheck" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "headSeq" BIGINT NOT NULL,
    "firstBreakSeq" BIGINT,
    "firstBreakId" TEXT,
    "reason" TEXT,
    "anchorsChecked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditPrune" (
    "id" TEXT NOT NULL,
    "eventClass" TEXT NOT NULL,
    "cutoff" TIMESTAMP(3) NOT NULL,
    "upToSeq" BIGINT NOT NULL,
    "pruned" INTEGER NOT NULL,
    "anchorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditPrune_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditSink" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secretEnc" TEXT,
    "filter" JSONB NOT NULL,
    "batchSize" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cursorSeq" BIGINT NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditSink_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "AuditEvent_agentId_seq_idx" ON "AuditEvent"("agentId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_serverId_seq_idx" ON "AuditEvent"("serverId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_resourceId_seq_idx" ON "AuditEvent"("resourceId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_gatewayId_seq_idx" ON "AuditEvent"("gatewayId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_tool_seq_idx" ON "AuditEvent"("tool", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_scope_seq_idx" ON "AuditEvent"("scope", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_jti_idx" ON "AuditEvent"("jti");

-- CreateIndex
CREATE INDEX "AuditEvent_parentJti_idx" ON "AuditEvent"("parentJti");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");

-- CreateIndex
CREATE INDEX "AuditEvent_facetVersion_idx" ON "AuditEvent"("facetVersion");
