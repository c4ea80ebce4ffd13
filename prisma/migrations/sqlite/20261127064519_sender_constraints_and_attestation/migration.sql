-- CreateTable
CREATE TABLE "TrustedAttester" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jwks" JSONB NOT NULL,
    "hardwareClaims" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" DATETIME NOT NULL
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
    "tokenBinding" TEXT NOT NULL DEFAULT 'dpop',
    "tokenLifetimeSeconds" INTEGER,
    "authMethod" TEXT NOT NULL DEFAULT 'private_key_jwt',
    "tlsSubjectField" TEXT,
    "tlsSubjectValue" TEXT,
    "hardwareKeysRequired" BOOLEAN NOT NULL DEFAULT false,
    "frontsAllServers" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    CONSTRAINT "Identity_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Identity_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- dpopRequired=false (Bearer) becomes tokenBinding=bearer
INSERT INTO "new_Identity" ("approvedAt", "approvedById", "backupOwnerId", "clientId", "createdAt", "createdById", "description", "environment", "frontsAllServers", "id", "kind", "lastCertifiedAt", "name", "nextCertificationDue", "ownerId", "registryName", "resourceUri", "revokedAt", "riskTier", "searchText", "slug", "sourceRepository", "status", "statusChangedAt", "statusReason", "tokenLifetimeSeconds", "transport", "updatedAt", "tokenBinding") SELECT "approvedAt", "approvedById", "backupOwnerId", "clientId", "createdAt", "createdById", "description", "environment", "frontsAllServers", "id", "kind", "lastCertifiedAt", "name", "nextCertificationDue", "ownerId", "registryName", "resourceUri", "revokedAt", "riskTier", "searchText", "slug", "sourceRepository", "status", "statusChangedAt", "statusReason", "tokenLifetimeSeconds", "transport", "updatedAt", CASE WHEN "dpopRequired" THEN 'dpop' ELSE 'bearer' END FROM "Identity";
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
CREATE TABLE "new_IdentityKey" (
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
    "protection" TEXT NOT NULL DEFAULT 'software',
    "attesterId" TEXT,
    "attestedAt" DATETIME,
    CONSTRAINT "IdentityKey_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IdentityKey_attesterId_fkey" FOREIGN KEY ("attesterId") REFERENCES "TrustedAttester" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_IdentityKey" ("alg", "createdAt", "createdById", "crv", "expiresAt", "id", "identityId", "kid", "kty", "proof", "publicJwk", "retiringUntil", "revokedAt", "revokedReason", "status", "thumbprint") SELECT "alg", "createdAt", "createdById", "crv", "expiresAt", "id", "identityId", "kid", "kty", "proof", "publicJwk", "retiringUntil", "revokedAt", "revokedReason", "status", "thumbprint" FROM "IdentityKey";
DROP TABLE "IdentityKey";
ALTER TABLE "new_IdentityKey" RENAME TO "IdentityKey";
CREATE UNIQUE INDEX "IdentityKey_thumbprint_key" ON "IdentityKey"("thumbprint");
CREATE INDEX "IdentityKey_identityId_status_idx" ON "IdentityKey"("identityId", "status");
CREATE UNIQUE INDEX "IdentityKey_identityId_kid_key" ON "IdentityKey"("identityId", "kid");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "TrustedAttester_issuer_key" ON "TrustedAttester"("issuer");
