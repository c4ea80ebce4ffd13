-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "alg" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "encryptedPrivateKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" DATETIME,
    "retiringAt" DATETIME,
    "publishUntil" DATETIME
);

-- CreateTable
-- WITHOUT ROWID (hand-added): rows live in the primary-key b-tree itself, so each
-- single-use value the token endpoint records is one b-tree insert, not two.
CREATE TABLE "ReplayEntry" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" BIGINT NOT NULL
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "RevokedToken" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL,
    "agentId" TEXT,
    "revokedById" TEXT,
    "reason" TEXT,
    "revokedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ReplayEntry_expiresAt_idx" ON "ReplayEntry"("expiresAt");

-- CreateIndex
CREATE INDEX "RevokedToken_expiresAt_idx" ON "RevokedToken"("expiresAt");
