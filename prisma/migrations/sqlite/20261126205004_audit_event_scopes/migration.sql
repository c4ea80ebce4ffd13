-- DropIndex
DROP INDEX "AuditEvent_scope_seq_idx";

-- CreateTable
CREATE TABLE "AuditEventScope" (
    "scope" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,

    PRIMARY KEY ("scope", "seq"),
    CONSTRAINT "AuditEventScope_seq_fkey" FOREIGN KEY ("seq") REFERENCES "AuditEvent" ("seq") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuditEventScope_seq_idx" ON "AuditEventScope"("seq");
