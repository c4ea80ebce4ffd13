-- AlterTable
ALTER TABLE "Revocation" ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "campaignItemId" TEXT;
