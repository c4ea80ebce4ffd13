-- DropIndex
DROP INDEX "AuditEvent_scope_seq_idx";

-- CreateTable
CREATE TABLE "AuditEventScope" (
    "scope" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "AuditEventScope_pkey" PRIMARY KEY ("scope","seq")
);

-- CreateIndex
CREATE INDEX "AuditEventScope_seq_idx" ON "AuditEventScope"("seq");

-- AddForeignKey
ALTER TABLE "AuditEventScope" ADD CONSTRAINT "AuditEventScope_seq_fkey" FOREIGN KEY ("seq") REFERENCES "AuditEvent"("seq") ON DELETE CASCADE ON UPDATE CASCADE;
