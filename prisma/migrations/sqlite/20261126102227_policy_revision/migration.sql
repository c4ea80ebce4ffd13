-- CreateTable
CREATE TABLE "PolicyState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision" BIGINT NOT NULL,
    "changedAt" DATETIME NOT NULL
);

-- the single row (hand-added: Prisma does not generate data)
INSERT INTO "PolicyState" ("id", "revision", "changedAt") VALUES (1, 0, CURRENT_TIMESTAMP);
