-- AlterTable
ALTER TABLE "Revocation" ADD COLUMN "campaignId" TEXT;
ALTER TABLE "Revocation" ADD COLUMN "campaignItemId" TEXT;
