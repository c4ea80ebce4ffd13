-- CreateTable
CREATE TABLE "PolicyState" (
    "id" INTEGER NOT NULL,
    "revision" BIGINT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyState_pkey" PRIMARY KEY ("id")
);

-- the single row (hand-added: Prisma does not generate data)
INSERT INTO "PolicyState" ("id", "revision", "changedAt") VALUES (1, 0, CURRENT_TIMESTAMP);
