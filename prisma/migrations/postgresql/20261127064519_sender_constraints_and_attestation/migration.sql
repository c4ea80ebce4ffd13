-- CreateEnum
CREATE TYPE "TokenBinding" AS ENUM ('dpop', 'mtls', 'dpop_or_mtls', 'bearer');

-- CreateEnum
CREATE TYPE "ClientAuthMethod" AS ENUM ('private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth', 'attest_jwt_client_auth');

-- CreateEnum
CREATE TYPE "TlsSubjectField" AS ENUM ('subject_dn', 'san_dns', 'san_uri', 'san_ip', 'san_email');

-- CreateEnum
CREATE TYPE "KeyProtection" AS ENUM ('software', 'hardware');

-- AlterTable: dpopRequired=false (Bearer) becomes tokenBinding=bearer before the column goes
ALTER TABLE "Identity" ADD COLUMN     "tokenBinding" "TokenBinding" NOT NULL DEFAULT 'dpop';
UPDATE "Identity" SET "tokenBinding" = 'bearer' WHERE "dpopRequired" = false;
ALTER TABLE "Identity" DROP COLUMN "dpopRequired",
ADD COLUMN     "authMethod" "ClientAuthMethod" NOT NULL DEFAULT 'private_key_jwt',
ADD COLUMN     "hardwareKeysRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tlsSubjectField" "TlsSubjectField",
ADD COLUMN     "tlsSubjectValue" TEXT;

-- AlterTable
ALTER TABLE "IdentityKey" ADD COLUMN     "attestedAt" TIMESTAMP(3),
ADD COLUMN     "attesterId" TEXT,
ADD COLUMN     "protection" "KeyProtection" NOT NULL DEFAULT 'software';

-- CreateTable
CREATE TABLE "TrustedAttester" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jwks" JSONB NOT NULL,
    "hardwareClaims" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrustedAttester_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrustedAttester_issuer_key" ON "TrustedAttester"("issuer");

-- AddForeignKey
ALTER TABLE "IdentityKey" ADD CONSTRAINT "IdentityKey_attesterId_fkey" FOREIGN KEY ("attesterId") REFERENCES "TrustedAttester"("id") ON DELETE SET NULL ON UPDATE CASCADE;
