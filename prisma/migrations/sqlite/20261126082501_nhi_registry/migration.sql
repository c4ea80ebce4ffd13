-- CreateTable
CREATE TABLE "IdentityTag" (
    "identityId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("identityId", "tag"),
    CONSTRAINT "IdentityTag_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GatewayServer" (
    "gatewayId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,

    PRIMARY KEY ("gatewayId", "serverId"),
    CONSTRAINT "GatewayServer_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GatewayServer_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdentityKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identityId" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "kty" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "crv" TEXT,
    "publicJwk" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "proof" TEXT NOT NULL DEFAULT 'none',
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "retiringUntil" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    CONSTRAINT "IdentityKey_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identityId" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Revocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "revokedById" TEXT,
    "revokedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Identity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'development',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "riskTier" TEXT NOT NULL DEFAULT 'medium',
    "ownerId" TEXT NOT NULL,
    "backupOwnerId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "approvedAt" DATETIME,
    "approvedById" TEXT,
    "statusReason" TEXT,
    "statusChangedAt" DATETIME,
    "revokedAt" DATETIME,
    "lastCertifiedAt" DATETIME,
    "nextCertificationDue" DATETIME,
    "resourceUri" TEXT,
    "transport" TEXT,
    "sourceRepository" TEXT,
    "registryName" TEXT,
    "clientId" TEXT,
    "dpopRequired" BOOLEAN NOT NULL DEFAULT true,
    "tokenLifetimeSeconds" INTEGER,
    "frontsAllServers" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    CONSTRAINT "Identity_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Identity_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Hand-edited: servers registered before the registry keep their kind, get their id
-- as slug, and are active (they were usable as soon as they were registered).
INSERT INTO "new_Identity" ("createdAt", "createdById", "description", "id", "kind", "slug", "status", "approvedAt", "transport", "name", "ownerId", "resourceUri", "searchText", "updatedAt") SELECT "createdAt", "createdById", "description", "id", "kind", "id", 'active', "createdAt", 'streamable_http', "name", "ownerId", "resourceUri", "searchText" || ' ' || "id", "updatedAt" FROM "Identity";
DROP TABLE "Identity";
ALTER TABLE "new_Identity" RENAME TO "Identity";
CREATE UNIQUE INDEX "Identity_slug_key" ON "Identity"("slug");
CREATE UNIQUE INDEX "Identity_resourceUri_key" ON "Identity"("resourceUri");
CREATE UNIQUE INDEX "Identity_registryName_key" ON "Identity"("registryName");
CREATE UNIQUE INDEX "Identity_clientId_key" ON "Identity"("clientId");
CREATE INDEX "Identity_kind_id_idx" ON "Identity"("kind", "id");
CREATE INDEX "Identity_kind_status_id_idx" ON "Identity"("kind", "status", "id");
CREATE INDEX "Identity_kind_name_id_idx" ON "Identity"("kind", "name", "id");
CREATE INDEX "Identity_kind_environment_id_idx" ON "Identity"("kind", "environment", "id");
CREATE INDEX "Identity_ownerId_idx" ON "Identity"("ownerId");
CREATE INDEX "Identity_backupOwnerId_idx" ON "Identity"("backupOwnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IdentityTag_tag_idx" ON "IdentityTag"("tag");

-- CreateIndex
CREATE INDEX "GatewayServer_serverId_idx" ON "GatewayServer"("serverId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityKey_thumbprint_key" ON "IdentityKey"("thumbprint");

-- CreateIndex
CREATE INDEX "IdentityKey_identityId_status_idx" ON "IdentityKey"("identityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityKey_identityId_kid_key" ON "IdentityKey"("identityId", "kid");

-- CreateIndex
CREATE INDEX "KeyChallenge_identityId_idx" ON "KeyChallenge"("identityId");

-- CreateIndex
CREATE INDEX "Revocation_identityId_idx" ON "Revocation"("identityId");

-- CreateIndex
CREATE INDEX "Revocation_subjectType_subjectId_idx" ON "Revocation"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "Revocation_revokedAt_idx" ON "Revocation"("revokedAt");
