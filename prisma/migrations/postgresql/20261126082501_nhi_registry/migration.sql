-- CreateEnum
CREATE TYPE "IdentityKind" AS ENUM ('server', 'agent', 'resource', 'gateway');

-- CreateEnum
CREATE TYPE "IdentityStatus" AS ENUM ('pending', 'active', 'suspended', 'revoked');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('production', 'staging', 'development');

-- CreateEnum
CREATE TYPE "RiskTier" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "ServerTransport" AS ENUM ('streamable_http', 'sse', 'stdio_behind_gateway');

-- CreateEnum
CREATE TYPE "KeyStatus" AS ENUM ('active', 'retiring', 'revoked');

-- DropIndex
DROP INDEX "Identity_kind_createdAt_id_idx";

-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "backupOwnerId" TEXT,
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "dpopRequired" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "environment" "Environment" NOT NULL DEFAULT 'development',
ADD COLUMN     "frontsAllServers" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastCertifiedAt" TIMESTAMP(3),
ADD COLUMN     "nextCertificationDue" TIMESTAMP(3),
ADD COLUMN     "registryName" TEXT,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "riskTier" "RiskTier" NOT NULL DEFAULT 'medium',
ADD COLUMN     "slug" TEXT,
ADD COLUMN     "sourceRepository" TEXT,
ADD COLUMN     "status" "IdentityStatus" NOT NULL DEFAULT 'pending',
ADD COLUMN     "statusChangedAt" TIMESTAMP(3),
ADD COLUMN     "statusReason" TEXT,
ADD COLUMN     "tokenLifetimeSeconds" INTEGER,
ADD COLUMN     "transport" "ServerTransport",
ALTER COLUMN "kind" TYPE "IdentityKind" USING ("kind"::"IdentityKind");

-- Hand-edited: servers registered before the registry get their id as slug and
-- are active (they were usable as soon as they were registered).
UPDATE "Identity" SET "slug" = "id", "status" = 'active', "approvedAt" = "createdAt", "transport" = 'streamable_http', "searchText" = "searchText" || ' ' || "id" WHERE "slug" IS NULL;
ALTER TABLE "Identity" ALTER COLUMN "slug" SET NOT NULL;

-- CreateTable
CREATE TABLE "IdentityTag" (
    "identityId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "IdentityTag_pkey" PRIMARY KEY ("identityId","tag")
);

-- CreateTable
CREATE TABLE "GatewayServer" (
    "gatewayId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,

    CONSTRAINT "GatewayServer_pkey" PRIMARY KEY ("gatewayId","serverId")
);

-- CreateTable
CREATE TABLE "IdentityKey" (
    "id" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "kty" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "crv" TEXT,
    "publicJwk" JSONB NOT NULL,
    "status" "KeyStatus" NOT NULL DEFAULT 'active',
    "proof" TEXT NOT NULL DEFAULT 'none',
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "retiringUntil" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,

    CONSTRAINT "IdentityKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyChallenge" (
    "id" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revocation" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "revokedById" TEXT,
    "revokedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Revocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Identity_slug_key" ON "Identity"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_registryName_key" ON "Identity"("registryName");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_clientId_key" ON "Identity"("clientId");

-- CreateIndex
CREATE INDEX "Identity_kind_id_idx" ON "Identity"("kind", "id");

-- CreateIndex
CREATE INDEX "Identity_kind_status_id_idx" ON "Identity"("kind", "status", "id");

-- CreateIndex
CREATE INDEX "Identity_kind_name_id_idx" ON "Identity"("kind", "name", "id");

-- CreateIndex
CREATE INDEX "Identity_kind_environment_id_idx" ON "Identity"("kind", "environment", "id");

-- CreateIndex
CREATE INDEX "Identity_backupOwnerId_idx" ON "Identity"("backupOwnerId");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityTag" ADD CONSTRAINT "IdentityTag_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayServer" ADD CONSTRAINT "GatewayServer_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayServer" ADD CONSTRAINT "GatewayServer_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityKey" ADD CONSTRAINT "IdentityKey_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
