-- CreateTable
CREATE TABLE "EnforcementStatus" (
    "identityId" TEXT NOT NULL,
    "revision" BIGINT,
    "lastFetchAt" TIMESTAMP(3),
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "errors" JSONB NOT NULL,
    "version" TEXT NOT NULL,

    CONSTRAINT "EnforcementStatus_pkey" PRIMARY KEY ("identityId")
);

-- AddForeignKey
ALTER TABLE "EnforcementStatus" ADD CONSTRAINT "EnforcementStatus_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
